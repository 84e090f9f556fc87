import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  EventError,
  MY_EVENTS_PAGE,
  PAYMENT_HOLD_MINUTES,
  type Registration,
  type RegistrationConfirmResult,
  type RegistrationCreated,
  RegistrationError,
  RegistrationErrorMessage,
  type RegistrationList,
  type RegistrationPage,
  type RegistrationState,
  priceFor,
  type registrationCancelResultSchema,
  type registrationCreateSchema,
  type staffRegistrationQuerySchema,
  formatFen,
} from '@itss/shared';
import QRCode from 'qrcode';
import { In, IsNull, LessThanOrEqual, Not, type Repository } from 'typeorm';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import { pageById } from '../../common/keyset';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { beijingDateTime, now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitsService } from '../units/units.service';
import { callerOf } from './event-callers';
import { eligible, opensAtOf } from './event-presenter';
import { EventSessionEntity } from './event-session.entity';
import { EventEntity } from './event.entity';
import { EventsPolicy, RegistrationsPolicy } from './events.policy';
import { RegistrationPayments } from './registration-payments';
import { type RegistrationFacts, presentRegistration, refundOnCancel } from './registration-presenter';
import { RegistrationEntity } from './registration.entity';
import { Seats } from './seats';
import { TicketCodes } from './ticket-codes';

export type RegistrationCreateParsed = z.output<typeof registrationCreateSchema>;
export type RegistrationCancelResult = z.infer<typeof registrationCancelResultSchema>;
export type StaffRegistrationQueryParsed = z.output<typeof staffRegistrationQuerySchema>;

/**
 * A person's registrations: taking a seat or a place on the waiting list, confirming an offered
 * seat, cancelling (the seat goes to the first in line in the same transaction), and the holds
 * that run out. Seat counting is Seats'; every change of a registration's hold on a seat takes its
 * session's lock first, so the registration's state is read and changed under it.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(EventSessionEntity) private readonly sessions: Repository<EventSessionEntity>,
    private readonly seats: Seats,
    private readonly tickets: TicketCodes,
    private readonly units: UnitsService,
    private readonly notifications: NotificationsService,
    private readonly policy: RegistrationsPolicy,
    private readonly eventsPolicy: EventsPolicy,
    private readonly money: RegistrationPayments,
    private readonly audit: AuditService,
  ) {}

  /**
   * The caller registers for a session: a seat while one is left (confirmed, or awaiting payment
   * for a paid seat), else a place on the waiting list. The refusals come in the order a person
   * can act on them: the event, its window for them, their phone, a registration they already have.
   */
  @RetryOnConflict()
  @Transactional()
  async register(
    ctx: SignedInContext,
    eventId: number,
    input: RegistrationCreateParsed,
  ): Promise<RegistrationCreated> {
    const event = await this.events.findOneBy({ id: eventId });
    if (!event || event.state === 'draft') throw new AppError(EventError.NotFound);
    const session = await this.sessions.findOneBy({ id: input.sessionId, eventId });
    if (!session) throw new AppError(RegistrationError.SessionNotFound);
    if (event.state === 'cancelled') throw new AppError(RegistrationError.EventCancelled);
    const at = now();
    if (event.closesAt.getTime() <= at.getTime()) throw new AppError(RegistrationError.Closed);
    const caller = await callerOf(this.units, ctx);
    const opensAt = eligible(event, caller.level) ? opensAtOf(event, caller.level) : null;
    if (opensAt === null) throw new AppError(RegistrationError.NotEligible);
    if (opensAt.getTime() > at.getTime()) {
      throw new AppError(RegistrationErrorMessage.NotOpenYetAt(beijingDateTime(opensAt)), [
        { path: 'opensAt', message: opensAt.toISOString() },
      ]);
    }
    if (!ctx.user.phone) throw new AppError(RegistrationError.PhoneRequired);
    await this.seats.lock([session.id]);
    // An event cancelled while this waited for the lock has freed every seat: it takes none.
    if ((await this.events.findOneByOrFail({ id: eventId })).state === 'cancelled') {
      throw new AppError(RegistrationError.EventCancelled);
    }
    if (await this.registrations.existsBy({ sessionId: session.id, liveUserId: ctx.user.id })) {
      throw new AppError(RegistrationError.Duplicate);
    }
    const priceFen = priceFor(event.prices, caller.level);
    const seated = await this.seats.take(session.id);
    const state: RegistrationState = !seated ? 'waitlisted' : priceFen > 0 ? 'awaiting_payment' : 'confirmed';
    const row = await this.registrations.save(
      this.registrations.create({
        eventId,
        sessionId: session.id,
        userId: ctx.user.id,
        liveUserId: ctx.user.id,
        bookingId: null,
        state,
        name: input.name,
        unitId: caller.unitId,
        // A unit's name may be longer than the column keeps of it.
        unitName: (input.unitName || caller.unitName)?.slice(0, 60) ?? null,
        title: input.title || null,
        phone: ctx.user.phone,
        audience: caller.level ?? 'non_member',
        priceFen,
        holdExpiresAt: state === 'awaiting_payment' ? paymentHoldUntil(at) : null,
        checkedInAt: null,
        checkedInBy: null,
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
    if (state !== 'waitlisted') return { id: row.id, state };
    // Counted on the (session, state, id) index: a long waiting list is not read row by row.
    const position = await this.registrations.countBy({
      sessionId: session.id,
      state: 'waitlisted',
      id: LessThanOrEqual(row.id),
    });
    return { id: row.id, state, position };
  }

  /** The caller's registrations, newest first. */
  async mine(ctx: SignedInContext): Promise<RegistrationList> {
    const rows = await this.registrations.find({
      where: { userId: ctx.user.id },
      order: { id: 'DESC' },
      take: 200,
    });
    return { items: await this.present(rows) };
  }

  /** One registration: its registrant's and staff's; anyone else 404. */
  async get(ctx: SignedInContext, id: number): Promise<Registration> {
    const row = await this.readable(ctx, id);
    return (await this.present([row]))[0]!;
  }

  /** The ticket's QR code while confirmed: its registrant's and staff's; else 404. */
  async ticketPng(ctx: SignedInContext, id: number): Promise<Buffer> {
    const row = await this.readable(ctx, id);
    if (row.state !== 'confirmed') throw new AppError(RegistrationError.NotFound);
    return QRCode.toBuffer(this.tickets.sign(row.id), {
      type: 'png',
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 480,
    });
  }

  /** Staff: an event's registrations in arrival order (the waiting list's order), by session and state. */
  async listOfEvent(
    ctx: SignedInContext,
    eventId: number,
    query: StaffRegistrationQueryParsed,
  ): Promise<RegistrationPage> {
    authorize(this.eventsPolicy, ctx, 'manage', undefined);
    if (!(await this.events.existsBy({ id: eventId }))) throw new AppError(EventError.NotFound);
    const where = {
      eventId,
      ...(query.sessionId !== undefined && { sessionId: query.sessionId }),
      ...(query.state === 'checked_in'
        ? { checkedInAt: Not(IsNull()) }
        : query.state !== undefined && { state: query.state }),
    };
    const { page, nextCursor } = await pageById(this.registrations, where, query, 'ASC');
    return { items: await this.present(page), nextCursor };
  }

  /**
   * The registrant takes the seat offered to them. A free seat is confirmed at once; a paid one
   * (offered, or awaiting payment) is held awaiting payment and answered with its WeChat Pay order,
   * opened once the hold is committed: the payment confirms it when it settles.
   */
  async confirm(ctx: SignedInContext, id: number): Promise<RegistrationConfirmResult> {
    const held = await this.takeOffer(ctx, id);
    if (held.state === 'confirmed') return { state: 'confirmed', order: null };
    const event = await this.events.findOneByOrFail({ id: held.eventId });
    const order = await this.money.order(ctx, held, event);
    return { state: 'awaiting_payment', order };
  }

  @RetryOnConflict()
  @Transactional()
  private async takeOffer(ctx: SignedInContext, id: number): Promise<RegistrationEntity> {
    const row = await this.lockedOwn(ctx, id);
    const at = now();
    // A booked paid seat is paid with its booking's one order, where its money is looked for.
    if (
      (row.state !== 'offered' && row.state !== 'awaiting_payment') ||
      (row.bookingId !== null && row.priceFen > 0)
    ) {
      throw new AppError(RegistrationError.NothingToConfirm);
    }
    if (row.holdExpiresAt !== null && row.holdExpiresAt.getTime() <= at.getTime()) {
      throw new AppError(RegistrationError.HoldExpired);
    }
    if (row.priceFen === 0) {
      await this.registrations.update(
        { id, state: row.state },
        { state: 'confirmed', holdExpiresAt: null, updatedAt: at },
      );
      return { ...row, state: 'confirmed', holdExpiresAt: null };
    }
    // An offer keeps its own deadline to pay by, but never less than a payment's hold.
    const payBy = paymentHoldUntil(at);
    const holdExpiresAt = row.holdExpiresAt && row.holdExpiresAt > payBy ? row.holdExpiresAt : payBy;
    await this.registrations.update(
      { id, state: row.state },
      { state: 'awaiting_payment', holdExpiresAt, updatedAt: at },
    );
    return { ...row, state: 'awaiting_payment', holdExpiresAt };
  }

  /**
   * The registrant cancels until registration closes, refunded by the event's rule; staff cancel
   * anyone's at any time, refunded in full (the rule binds the registrant's own choice, not staff
   * sending someone away), and audited. Either way a seat it held goes to the first in line.
   */
  @RetryOnConflict()
  @Transactional()
  async cancel(ctx: SignedInContext, id: number): Promise<RegistrationCancelResult> {
    const found = await this.readable(ctx, id);
    const byStaff = found.userId !== ctx.user.id;
    authorize(this.policy, ctx, byStaff ? 'cancelAny' : 'act', found);
    await this.seats.lock([found.sessionId]);
    const row = await this.registrations.findOneByOrFail({ id });
    const event = await this.events.findOneByOrFail({ id: row.eventId });
    const at = now();
    if (row.state === 'cancelled' || (!byStaff && event.closesAt.getTime() <= at.getTime())) {
      throw new AppError(RegistrationError.CannotCancel);
    }
    // A booked seat's share of its booking's money is read while the seat is still live.
    const paidFen = (await this.money.refundable([row])).get(row.id) ?? 0;
    await this.seats.cancel(row, at);
    await this.money.closeOrdersAfterCommit([row]);
    const refundFen = byStaff ? paidFen : refundOnCancel(event, paidFen, at);
    await this.money.refundAfterCommit(
      ctx,
      row.userId,
      [{ registration: row, amountFen: refundFen }],
      byStaff ? '会员服务部取消报名，全额退款' : '取消活动报名退款',
    );
    if (byStaff) {
      await this.audit.record(ctx, {
        action: 'registration.cancelled_by_staff',
        target: { type: 'registration', id: row.id },
        detail: `${event.title}：${row.name ?? '未填写参会人'}${refundFen > 0 ? `，退款 ${formatFen(refundFen)}` : ''}`,
      });
    }
    return { state: 'cancelled', refundFen };
  }

  /**
   * An event cancelled by staff, in their transaction: every live registration cancelled, the
   * seats counted free, and every registrant — the waiting list too — told once. Returns how many
   * people were told.
   */
  async cancelAllOfEvent(
    ctx: SignedInContext,
    event: EventEntity,
    reason: string,
    at: Date,
  ): Promise<number> {
    const sessionIds = (await this.sessions.findBy({ eventId: event.id })).map((row) => row.id);
    await this.seats.lock(sessionIds);
    const live = await this.registrations.find({
      where: { eventId: event.id, state: Not('cancelled') },
      order: { id: 'ASC' },
    });
    const paid = await this.money.refundable(live);
    if (live.length) {
      await this.registrations.update(
        { id: In(live.map((row) => row.id)) },
        { state: 'cancelled', liveUserId: null, holdExpiresAt: null, cancelledAt: at, updatedAt: at },
      );
    }
    if (sessionIds.length) await this.sessions.update({ id: In(sessionIds) }, { taken: 0 });
    await this.money.closeOrdersAfterCommit(live);
    await this.money.refundAfterCommit(
      ctx,
      ctx.user.id,
      live.map((registration) => ({ registration, amountFen: paid.get(registration.id) ?? 0 })),
      '活动取消退款',
    );
    const people = [...new Set(live.map((row) => row.userId))];
    for (const userId of people) {
      await this.notifications.notify(userId, {
        purpose: 'event_cancelled',
        title: '活动已取消',
        body: `您报名的“${event.title}”已取消，原因：${reason}。已支付的费用将原路退回。给您带来不便，敬请谅解。`,
        page: MY_EVENTS_PAGE,
        fields: { eventTitle: event.title, reason, at },
      });
    }
    return people.length;
  }

  private async readable(ctx: SignedInContext, id: number): Promise<RegistrationEntity> {
    const row = await this.registrations.findOneBy({ id });
    authorize(this.policy, ctx, 'read', row, { hide: true });
    if (!row) throw new AppError(RegistrationError.NotFound);
    return row;
  }

  /** The caller's own registration, read again under its session's lock. */
  private async lockedOwn(ctx: SignedInContext, id: number): Promise<RegistrationEntity> {
    const found = await this.readable(ctx, id);
    authorize(this.policy, ctx, 'act', found);
    await this.seats.lock([found.sessionId]);
    return this.registrations.findOneByOrFail({ id });
  }

  /** Waiting-list places (1-based) of the waitlisted rows among these. */
  private async positions(rows: readonly RegistrationEntity[]): Promise<Map<number, number>> {
    const places = new Map<number, number>();
    const sessionIds = [
      ...new Set(rows.filter((row) => row.state === 'waitlisted').map((row) => row.sessionId)),
    ];
    for (const sessionId of sessionIds) {
      const line = await this.registrations.find({
        select: { id: true },
        where: { sessionId, state: 'waitlisted' },
        order: { id: 'ASC' },
      });
      line.forEach((entry, index) => places.set(entry.id, index + 1));
    }
    return places;
  }

  private async present(rows: readonly RegistrationEntity[]): Promise<Registration[]> {
    if (rows.length === 0) return [];
    const eventIds = [...new Set(rows.map((row) => row.eventId))];
    const sessionIds = [...new Set(rows.map((row) => row.sessionId))];
    const facts: RegistrationFacts = {
      events: new Map((await this.events.findBy({ id: In(eventIds) })).map((row) => [row.id, row])),
      sessions: new Map((await this.sessions.findBy({ id: In(sessionIds) })).map((row) => [row.id, row])),
      positions: await this.positions(rows),
      money: await this.money.moneyOf(rows),
      ticketCodeOf: (registrationId) => this.tickets.sign(registrationId),
      at: now(),
    };
    return rows.map((row) => presentRegistration(row, facts));
  }
}

/** A paid seat is held this long for its payment. */
export function paymentHoldUntil(at: Date): Date {
  return new Date(at.getTime() + PAYMENT_HOLD_MINUTES * 60_000);
}
