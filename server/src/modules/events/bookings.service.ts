import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  type Attendee,
  type AttendeeNamed,
  type BookingCreate,
  type BookingCreated,
  EventError,
  PAYMENT_HOLD_MINUTES,
  RegistrationError,
  type WechatPayOrder,
  maskPhone,
  priceFor,
} from '@itss/shared';
import type { Repository } from 'typeorm';
import { afterCommit } from '../../common/after-commit';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { type MoneyChange, PaymentSubjects } from '../payments/payment-subjects';
import { PaymentsService } from '../payments/payments.service';
import { RefundsService } from '../payments/refunds.service';
import { UnitsService } from '../units/units.service';
import { BookingEntity } from './booking.entity';
import { assertBookable } from './booking-window';
import { EventDeskPolicy } from './event-desk.policy';
import { EventSessionEntity } from './event-session.entity';
import { EventEntity } from './event.entity';
import { RegistrationEntity } from './registration.entity';
import { Seats } from './seats';

/** What WeChat shows the payer: the event's title, cut to stay within the order description's bytes. */
const DESCRIPTION_TITLE_CHARS = 30;

/**
 * A unit's booking of several seats by its primary contact: all the seats or none, in one atomic
 * UPDATE of the session's count, one bill and one WeChat Pay order for all; the attendees are named
 * seat by seat until registration closes. A paid booking's seats wait PAYMENT_HOLD_MINUTES for the
 * payment, as one person's paid seat does, and are released seat by seat by the core's hold job.
 */
@Injectable()
export class BookingsService implements OnModuleInit {
  private readonly logger = new Logger(BookingsService.name);

  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(EventSessionEntity) private readonly sessions: Repository<EventSessionEntity>,
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    @InjectRepository(BookingEntity) private readonly bookings: Repository<BookingEntity>,
    private readonly units: UnitsService,
    private readonly payments: PaymentsService,
    private readonly subjects: PaymentSubjects,
    private readonly refunds: RefundsService,
    private readonly seats: Seats,
    private readonly policy: EventDeskPolicy,
  ) {}

  onModuleInit(): void {
    this.subjects.register('event_booking', {
      settled: (bookingId, change) => this.settled(bookingId, change),
    });
  }

  @RetryOnConflict()
  @Transactional()
  async book(ctx: SignedInContext, eventId: number, input: BookingCreate): Promise<BookingCreated> {
    const membership = await this.units.membershipOf(ctx.user.id);
    const isPrimaryContact =
      membership !== null &&
      membership.unitId === input.unitId &&
      membership.isPrimary &&
      membership.status === 'active';
    if (!this.policy.can(ctx, 'book', { isOwner: false, isPrimaryContact })) {
      throw new AppError(RegistrationError.NotPrimaryContact);
    }
    const event = await this.events.findOneBy({ id: eventId });
    if (!event || !membership) throw new AppError(EventError.NotFound);
    const at = now();
    assertBookable(event, membership.level, at);
    const session = await this.sessions.findOneBy({ id: input.sessionId, eventId });
    if (!session) throw new AppError(RegistrationError.SessionNotFound);
    // Under the session's lock as every seat change (the core's Seats), and all or none in one
    // guarded statement: no interleaving of bookings and registrations overfills the session.
    await this.seats.lock([session.id]);
    const took = await this.sessions
      .createQueryBuilder()
      .update()
      .set({ taken: () => `taken + ${input.seats}` })
      .where('id = :id AND taken + :seats <= capacity', { id: session.id, seats: input.seats })
      .execute();
    if ((took.affected ?? 0) === 0) throw new AppError(RegistrationError.NotEnoughSeats);
    const priceFen = priceFor(event.prices, membership.level);
    const paid = priceFen > 0;
    const { identifiers } = await this.bookings.insert({
      eventId,
      sessionId: session.id,
      unitId: membership.unitId,
      userId: ctx.user.id,
      seats: input.seats,
      amountFen: priceFen * input.seats,
      createdAt: at,
    });
    const bookingId = Number(identifiers[0]?.id);
    const holdExpiresAt = paid ? new Date(at.getTime() + PAYMENT_HOLD_MINUTES * 60_000) : null;
    const seats = Array.from({ length: input.seats }, () => ({
      eventId,
      sessionId: session.id,
      userId: ctx.user.id,
      liveUserId: null,
      bookingId,
      state: paid ? ('awaiting_payment' as const) : ('confirmed' as const),
      name: null,
      unitId: membership.unitId,
      unitName: membership.unitName,
      title: null,
      phone: null,
      audience: membership.level,
      priceFen,
      holdExpiresAt,
      createdAt: at,
      updatedAt: at,
    }));
    const inserted = await this.registrations.insert(seats);
    return {
      bookingId,
      registrationIds: inserted.identifiers.map((row) => Number(row.id)),
      state: paid ? 'awaiting_payment' : 'confirmed',
    };
  }

  /** `POST /api/bookings/:id/pay`: the one WeChat Pay order for all the booking's held seats. */
  async pay(ctx: SignedInContext, bookingId: number): Promise<WechatPayOrder> {
    const booking = await this.bookings.findOneBy({ id: bookingId });
    authorize(this.policy, ctx, 'actOwn', { isOwner: booking?.userId === ctx.user.id }, { hide: true });
    if (!booking) throw new AppError(RegistrationError.NotFound);
    const seats = await this.registrations.findBy({ bookingId });
    const at = now().getTime();
    // The seats still held: one the booker cancelled meanwhile is simply not paid for.
    const held = seats.filter(
      (seat) => seat.state === 'awaiting_payment' && (seat.holdExpiresAt?.getTime() ?? 0) > at,
    );
    if (held.length === 0) {
      throw new AppError(
        seats.some((seat) => seat.state === 'confirmed')
          ? RegistrationError.NothingToConfirm
          : RegistrationError.HoldExpired,
      );
    }
    const event = await this.events.findOneByOrFail({ id: booking.eventId });
    return this.payments.startWechatPay(
      ctx,
      { type: 'event_booking', id: booking.id },
      {
        amountFen: held.reduce((sum, seat) => sum + seat.priceFen, 0),
        description: `${event.title.slice(0, DESCRIPTION_TITLE_CHARS)} ${held.length} 个名额`,
      },
    );
  }

  /**
   * The booking's money arrived (in the payment's transaction, under the session's lock that the
   * hold job also takes): the seats it was opened for, all still held, are confirmed together. If
   * any was released or cancelled meanwhile, no seat is taken for it: the money goes back in full
   * once this commits, and the booker pays again for the seats still held.
   */
  private async settled(bookingId: number, change: MoneyChange): Promise<void> {
    if (change.kind !== 'paid') return;
    const booking = await this.bookings.findOneBy({ id: bookingId });
    if (!booking) {
      this.logger.error(`Payment ${change.paymentId} is for a missing booking ${bookingId}`);
      return;
    }
    await this.seats.lock([booking.sessionId]);
    const held = (await this.registrations.findBy({ bookingId })).filter(
      (seat) => seat.state === 'awaiting_payment',
    );
    // The order was opened for the seats then held: paid in full for exactly the seats still held.
    if (held.length > 0 && held.reduce((sum, seat) => sum + seat.priceFen, 0) === change.amountFen) {
      await this.registrations.update(
        { bookingId, state: 'awaiting_payment' },
        { state: 'confirmed', holdExpiresAt: null, updatedAt: now() },
      );
      return;
    }
    this.logger.warn(
      `Payment ${change.paymentId} arrived for booking ${bookingId}, whose seats are not held: refunded in full`,
    );
    await afterCommit(() =>
      this.refunds.refundByRule(change.actor, change.actor.user?.id ?? booking.userId, change.paymentId, {
        amountFen: change.amountFen,
        reason: '预订名额已不再保留，款项原路退回',
      }),
    );
  }

  /** The booker names (or renames) a booked seat's attendee until registration closes. */
  @RetryOnConflict()
  @Transactional()
  async nameAttendee(
    ctx: SignedInContext,
    registrationId: number,
    attendee: Attendee,
  ): Promise<AttendeeNamed> {
    await lockRows(this.registrations, [registrationId]);
    const seat = await this.registrations.findOneBy({ id: registrationId });
    authorize(this.policy, ctx, 'actOwn', { isOwner: seat?.userId === ctx.user.id }, { hide: true });
    if (!seat) throw new AppError(RegistrationError.NotFound);
    const event = await this.events.findOneByOrFail({ id: seat.eventId });
    if (
      seat.bookingId === null ||
      seat.state === 'cancelled' ||
      now().getTime() >= event.closesAt.getTime()
    ) {
      throw new AppError(RegistrationError.NotBooked);
    }
    const named = { name: attendee.name, title: attendee.title ?? null, phone: attendee.phone ?? null };
    await this.registrations.update(seat.id, { ...named, updatedAt: now() });
    return {
      id: seat.id,
      bookingId: seat.bookingId,
      name: named.name,
      title: named.title,
      phoneMasked: named.phone ? maskPhone(named.phone) : null,
    };
  }
}
