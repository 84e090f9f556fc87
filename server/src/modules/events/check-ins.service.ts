import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { type CheckIn, type CheckInResponse, type CheckInResult, EventError } from '@itss/shared';
import { IsNull, Not, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { AuditService } from '../audit/audit.service';
import { AttendancePolicy, NOBODY } from './attendance.policy';
import { CheckInScanEntity } from './check-in-scan.entity';
import { EventSessionEntity } from './event-session.entity';
import { EventEntity } from './event.entity';
import { RegistrationEntity } from './registration.entity';
import { TicketCodes } from './ticket-codes';

/** What a ticket says at this event's door, before anything is written. */
function classify(event: EventEntity, registration: RegistrationEntity | null): CheckInResult {
  if (!registration) return 'unknown';
  if (registration.eventId !== event.id) return 'wrong_event';
  if (registration.state === 'cancelled') return 'cancelled';
  if (registration.state !== 'confirmed') return 'not_confirmed';
  return registration.checkedInAt ? 'already_checked_in' : 'checked_in';
}

/**
 * Staff scan tickets at the door. Every scan is answered with what the ticket is (only a malformed
 * body is refused, by the schema); a ticket checks in once, and the first time is what a second
 * scan shows. A scan the scanner named (`scanId`, its offline queue re-sending) is answered as the
 * first time it arrived and never counted twice.
 */
@Injectable()
export class CheckInsService {
  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(EventSessionEntity) private readonly sessions: Repository<EventSessionEntity>,
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    @InjectRepository(CheckInScanEntity) private readonly scans: Repository<CheckInScanEntity>,
    private readonly tickets: TicketCodes,
    private readonly audit: AuditService,
    private readonly policy: AttendancePolicy,
  ) {}

  /**
   * Two scans of one ticket at once: the guarded update lets one set the time, the other reads it
   * and answers already checked in. Two copies of one named scan at once: the second's insert of
   * the scan meets the unique key, and its rerun answers what the first recorded.
   */
  @RetryOnConflict()
  @Transactional()
  async checkIn(ctx: SignedInContext, eventId: number, scan: CheckIn): Promise<CheckInResponse> {
    authorize(this.policy, ctx, 'check_in', NOBODY);
    const event = await this.eventOf(eventId);
    if (scan.scanId) {
      const seen = await this.scans.findOneBy({ eventId, scanId: scan.scanId });
      if (seen) {
        const registration = seen.registrationId
          ? await this.registrations.findOneBy({ id: seen.registrationId })
          : null;
        return this.answer(event, seen.result, registration);
      }
    }
    const registrationId = this.tickets.verify(scan.ticketCode);
    let registration = registrationId ? await this.registrations.findOneBy({ id: registrationId }) : null;
    let result = classify(event, registration);
    if (result === 'checked_in' && registration) {
      const at = now();
      const { affected } = await this.registrations.update(
        { id: registration.id, state: 'confirmed', checkedInAt: IsNull() },
        { checkedInAt: at, checkedInBy: ctx.user.id, updatedAt: at },
      );
      if (affected) {
        registration = { ...registration, checkedInAt: at, checkedInBy: ctx.user.id, updatedAt: at };
        await this.audit.record(ctx, {
          action: 'registration.checked_in',
          target: { type: 'registration', id: registration.id },
          detail: `${event.title}：${registration.name ?? ''}`,
        });
      } else {
        // Another scan of the same ticket, or a cancellation, committed first.
        registration = await this.registrations.findOneByOrFail({ id: registration.id });
        result = classify(event, registration);
      }
    }
    if (scan.scanId) {
      await this.scans.insert({
        eventId,
        scanId: scan.scanId,
        result,
        registrationId: registration?.id ?? null,
        scannedBy: ctx.user.id,
        createdAt: now(),
      });
    }
    return this.answer(event, result, registration);
  }

  /** The event's checked-in attendees so far: the scanner's running count. */
  checkedInCount(eventId: number): Promise<number> {
    return this.registrations.countBy({ eventId, state: 'confirmed', checkedInAt: Not(IsNull()) });
  }

  /** The event, for staff at its door; 404 when there is none. */
  async eventOf(eventId: number): Promise<EventEntity> {
    const event = await this.events.findOneBy({ id: eventId });
    if (!event) throw new AppError(EventError.NotFound);
    return event;
  }

  /**
   * The answer: who and which session for a ticket of this event (a ticket of another event names
   * nobody here), the first check-in time, and the count.
   */
  async answer(
    event: EventEntity,
    result: CheckInResult,
    registration: RegistrationEntity | null,
  ): Promise<CheckInResponse> {
    const ours = registration && registration.eventId === event.id ? registration : null;
    const session = ours ? await this.sessions.findOneBy({ id: ours.sessionId }) : null;
    return {
      result,
      ...(ours?.checkedInAt && { checkedInAt: ours.checkedInAt.toISOString() }),
      ...(ours?.name && { name: ours.name }),
      ...(session && { sessionTitle: session.title }),
      checkedInCount: await this.checkedInCount(event.id),
    };
  }
}
