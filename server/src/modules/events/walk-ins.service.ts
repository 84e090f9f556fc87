import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { type CheckInResponse, EventError, RegistrationError, type walkInSchema } from '@itss/shared';
import type { Repository } from 'typeorm';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { AuditService } from '../audit/audit.service';
import { AttendancePolicy, NOBODY } from './attendance.policy';
import { CheckInsService } from './check-ins.service';
import { EventSessionEntity } from './event-session.entity';
import { RegistrationEntity } from './registration.entity';
import { Seats } from './seats';

export type WalkInParsed = z.output<typeof walkInSchema>;

/**
 * Someone who comes to the door without a registration: staff register them for a session that has
 * a seat left and check them in at once. The seat is taken as every seat is (`Seats`: the session's
 * row locked, then the guarded update of its count), so a walk-in never goes past the capacity; a
 * full session is refused (409) rather than filled beyond it.
 */
@Injectable()
export class WalkInsService {
  constructor(
    @InjectRepository(EventSessionEntity) private readonly sessions: Repository<EventSessionEntity>,
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    private readonly checkIns: CheckInsService,
    private readonly seats: Seats,
    private readonly audit: AuditService,
    private readonly policy: AttendancePolicy,
  ) {}

  @RetryOnConflict()
  @Transactional()
  async register(ctx: SignedInContext, eventId: number, walkIn: WalkInParsed): Promise<CheckInResponse> {
    authorize(this.policy, ctx, 'walk_in', NOBODY);
    await this.checkIns.eventOf(eventId);
    const session = await this.sessions.findOneBy({ id: walkIn.sessionId, eventId });
    if (!session) throw new AppError(RegistrationError.SessionNotFound);
    await this.seats.lock([session.id]);
    // Read after the lock: an event cancelled while this waited has freed every seat and takes none.
    const event = await this.checkIns.eventOf(eventId);
    if (event.state !== 'published') throw new AppError(EventError.WrongState);
    if (!(await this.seats.take(session.id))) throw new AppError(RegistrationError.NotEnoughSeats);
    const at = now();
    // The staff member is its user; no live user, so one staff member registers many at the door.
    const registration = await this.registrations.save(
      this.registrations.create({
        eventId,
        sessionId: session.id,
        userId: ctx.user.id,
        liveUserId: null,
        bookingId: null,
        state: 'confirmed',
        name: walkIn.name,
        unitId: null,
        unitName: walkIn.unitName || null,
        title: null,
        phone: walkIn.phone ?? null,
        audience: 'non_member',
        // Paid at the door, if at all: not through the app.
        priceFen: 0,
        holdExpiresAt: null,
        checkedInAt: at,
        checkedInBy: ctx.user.id,
        surveyRating: null,
        surveyComment: null,
        surveyedAt: null,
        invoiceTitle: null,
        invoiceTaxNumber: null,
        invoiceNumber: null,
        invoiceFileId: null,
        invoiceRequestedAt: null,
        invoiceIssuedAt: null,
        createdAt: at,
        updatedAt: at,
        cancelledAt: null,
      }),
    );
    await this.audit.record(ctx, {
      action: 'registration.walk_in',
      target: { type: 'registration', id: registration.id },
      detail: `${event.title}（${session.title}）：${walkIn.name}`,
    });
    return this.checkIns.answer(event, 'checked_in', registration);
  }
}
