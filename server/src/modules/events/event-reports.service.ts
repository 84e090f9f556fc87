import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  EventError,
  type EventStats,
  PRICE_AUDIENCES,
  type PriceAudience,
  type RegistrationState,
} from '@itss/shared';
import { MoreThan, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { RequestContext } from '../../common/request-context';
import { now } from '../../common/time';
import { PaymentsService } from '../payments/payments.service';
import { BookingEntity } from './booking.entity';
import { EventDeskPolicy } from './event-desk.policy';
import { EventSessionEntity } from './event-session.entity';
import { EventEntity } from './event.entity';
import { RegistrationEntity } from './registration.entity';
import { registrationsWorkbook } from './registrations-sheet';

interface CountRow {
  sessionId: number | string;
  state: RegistrationState;
  audience: PriceAudience;
  attended: number | string;
  n: number | string;
}

/** Staff's view of one event: its numbers (from GROUP BYs on the registrations' indexes) and its list as a sheet. */
@Injectable()
export class EventReports {
  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(EventSessionEntity) private readonly sessions: Repository<EventSessionEntity>,
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    @InjectRepository(BookingEntity) private readonly bookings: Repository<BookingEntity>,
    private readonly payments: PaymentsService,
    private readonly policy: EventDeskPolicy,
  ) {}

  private async eventFor(ctx: RequestContext, eventId: number): Promise<EventEntity> {
    authorize(this.policy, ctx, 'report', { isOwner: false });
    const event = await this.events.findOneBy({ id: eventId });
    if (!event) throw new AppError(EventError.NotFound);
    return event;
  }

  async stats(ctx: RequestContext, eventId: number): Promise<EventStats> {
    const event = await this.eventFor(ctx, eventId);
    const sessions = await this.sessions.find({ where: { eventId }, order: { position: 'ASC', id: 'ASC' } });
    const attendedCase = 'CASE WHEN registration.checkedInAt IS NULL THEN 0 ELSE 1 END';
    const rows = (
      await this.registrations
        .createQueryBuilder('registration')
        .select('registration.sessionId', 'sessionId')
        .addSelect('registration.state', 'state')
        .addSelect('registration.audience', 'audience')
        .addSelect(attendedCase, 'attended')
        .addSelect('COUNT(*)', 'n')
        .where('registration.eventId = :eventId', { eventId })
        .groupBy('registration.sessionId')
        .addGroupBy('registration.state')
        .addGroupBy('registration.audience')
        .addGroupBy(attendedCase)
        .getRawMany<CountRow>()
    ).map((row) => ({
      sessionId: Number(row.sessionId),
      state: row.state,
      audience: row.audience,
      attended: Number(row.attended) === 1,
      n: Number(row.n),
    }));
    const count = (test: (row: (typeof rows)[number]) => boolean): number =>
      rows.filter(test).reduce((sum, row) => sum + row.n, 0);
    const byState = (state: RegistrationState): number => count((row) => row.state === state);
    const ended = event.endsAt.getTime() <= now().getTime();
    return {
      registered: count((row) => row.state !== 'cancelled'),
      confirmed: byState('confirmed'),
      awaitingPayment: byState('awaiting_payment'),
      offered: byState('offered'),
      waitlisted: byState('waitlisted'),
      cancelled: byState('cancelled'),
      attended: count((row) => row.attended && row.state !== 'cancelled'),
      noShows: ended ? count((row) => row.state === 'confirmed' && !row.attended) : 0,
      byAudience: PRICE_AUDIENCES.map((audience) => ({
        audience,
        confirmed: count((row) => row.audience === audience && row.state === 'confirmed'),
        attended: count((row) => row.audience === audience && row.state === 'confirmed' && row.attended),
      })),
      sessions: sessions.map((session) => ({
        sessionId: session.id,
        title: session.title,
        capacity: session.capacity,
        confirmed: count((row) => row.sessionId === session.id && row.state === 'confirmed'),
        attended: count((row) => row.sessionId === session.id && row.attended && row.state !== 'cancelled'),
        waitlisted: count((row) => row.sessionId === session.id && row.state === 'waitlisted'),
      })),
      survey: await this.survey(eventId),
      ...(await this.money(eventId)),
    };
  }

  private async survey(eventId: number): Promise<EventStats['survey']> {
    const rows = await this.registrations
      .createQueryBuilder('registration')
      .select('registration.surveyRating', 'rating')
      .addSelect('COUNT(*)', 'n')
      .where('registration.eventId = :eventId AND registration.surveyRating IS NOT NULL', { eventId })
      .groupBy('registration.surveyRating')
      .getRawMany<{ rating: number | string; n: number | string }>();
    const histogram = [0, 0, 0, 0, 0];
    for (const row of rows) {
      const rating = Number(row.rating);
      if (rating >= 1 && rating <= 5) histogram[rating - 1] = Number(row.n);
    }
    const answers = histogram.reduce((sum, n) => sum + n, 0);
    const total = histogram.reduce((sum, n, index) => sum + n * (index + 1), 0);
    // One decimal, as the stats page shows it.
    return { answers, average: answers ? Math.round((total / answers) * 10) / 10 : null, histogram };
  }

  /** Received and refunded money of the event's paid seats and its units' bookings. */
  private async money(eventId: number): Promise<{ paidFen: number; refundedFen: number }> {
    const seats = await this.registrations.find({
      select: { id: true },
      where: { eventId, priceFen: MoreThan(0) },
    });
    const bookings = await this.bookings.find({
      select: { id: true },
      where: { eventId, amountFen: MoreThan(0) },
    });
    const bySeat = await this.payments.totalsOf(
      'event_registration',
      seats.map((seat) => seat.id),
    );
    const byBooking = await this.payments.totalsOf(
      'event_booking',
      bookings.map((booking) => booking.id),
    );
    return {
      paidFen: bySeat.paidFen + byBooking.paidFen,
      refundedFen: bySeat.refundedFen + byBooking.refundedFen,
    };
  }

  /** Every registration of the event, session by session in arrival order, as an .xlsx workbook. */
  async export(ctx: RequestContext, eventId: number): Promise<{ title: string; bytes: Buffer }> {
    const event = await this.eventFor(ctx, eventId);
    const sessions = await this.sessions.find({ where: { eventId }, order: { position: 'ASC', id: 'ASC' } });
    const order = new Map(sessions.map((session, index) => [session.id, index]));
    const titles = new Map(sessions.map((session) => [session.id, session.title]));
    const rows = await this.registrations.find({
      where: { eventId },
      order: { id: 'ASC' },
    });
    rows.sort((a, b) => (order.get(a.sessionId) ?? 0) - (order.get(b.sessionId) ?? 0) || a.id - b.id);
    const bytes = await registrationsWorkbook(
      rows.map((row) => ({
        name: row.name,
        unitName: row.unitName,
        title: row.title,
        phone: row.phone,
        sessionTitle: titles.get(row.sessionId) ?? '',
        state: row.state,
        checkedInAt: row.checkedInAt,
        priceFen: row.priceFen,
      })),
    );
    return { title: event.title, bytes };
  }
}
