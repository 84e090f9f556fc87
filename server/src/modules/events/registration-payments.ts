import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EVENT_KIND_NAMES, type Payment, type WechatPayOrder } from '@itss/shared';
import type { Repository } from 'typeorm';
import { afterCommit } from '../../common/after-commit';
import type { RequestContext, SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import type { MoneyChange, PaymentSubject } from '../payments/payment-subjects';
import { PaymentSubjects } from '../payments/payment-subjects';
import { PaymentsService } from '../payments/payments.service';
import { RefundsService } from '../payments/refunds.service';
import type { EventEntity } from './event.entity';
import { RegistrationEntity } from './registration.entity';
import { Seats } from './seats';

/** Where a registration's money is: its own payments, or its booking's for a booked seat. */
const subjectOfRow = (row: Pick<RegistrationEntity, 'id' | 'bookingId'>): PaymentSubject =>
  row.bookingId === null
    ? { type: 'event_registration', id: row.id }
    : { type: 'event_booking', id: row.bookingId };
const keyOf = (subject: PaymentSubject): string => `${subject.type}:${subject.id}`;

/** What a payment still holds: its amount less every refund not failed (processing ones included). */
const leftOf = (payment: Payment): number =>
  payment.amountFen -
  payment.refunds
    .filter((refund) => refund.status !== 'failed')
    .reduce((sum, refund) => sum + refund.amountFen, 0);

interface LedgerPayment {
  id: number;
  /** Paid less refunds that succeeded: what the registrant is shown as having paid. */
  settledFen: number;
  /** Paid less refunds not failed: what may still be refunded. */
  leftFen: number;
}

/** One place money is kept (a registration's own payments, or a booking's) and its seats. */
interface Ledger {
  seats: RegistrationEntity[];
  /** The seats asked about. */
  asked: Set<number>;
  /** Succeeded payments. */
  payments: LedgerPayment[];
  /** The latest payment, pending ones too (the order being paid). */
  latestPaymentId: number | null;
}

/** Live seats first in id order, then cancelled ones, the latest cancelled first. */
function seatOrder(a: RegistrationEntity, b: RegistrationEntity): number {
  const aCancelled = a.state === 'cancelled' ? 1 : 0;
  const bCancelled = b.state === 'cancelled' ? 1 : 0;
  if (aCancelled !== bCancelled) return aCancelled - bCancelled;
  if (aCancelled) {
    const byTime = (b.cancelledAt?.getTime() ?? 0) - (a.cancelledAt?.getTime() ?? 0);
    if (byTime !== 0) return byTime;
    return b.id - a.id;
  }
  return a.id - b.id;
}

/** WeChat Pay shows at most 127 bytes of an order's description. */
function orderDescription(event: EventEntity): string {
  let text = `${EVENT_KIND_NAMES[event.kind]}报名：${event.title}`;
  while (Buffer.byteLength(text, 'utf8') > 127) text = text.slice(0, -1);
  return text;
}

/**
 * Paid seats through the payments feature: a registration is a payment subject. A payment that
 * settles while its registration still holds the seat (awaiting payment, or offered) confirms it;
 * one that settles for a seat no longer held — the hold ran out, the registration was cancelled,
 * or it was paid already — is refunded in full and never becomes a second seat.
 */
@Injectable()
export class RegistrationPayments implements OnModuleInit {
  private readonly logger = new Logger(RegistrationPayments.name);

  constructor(
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    private readonly subjects: PaymentSubjects,
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly seats: Seats,
  ) {}

  onModuleInit(): void {
    this.subjects.register('event_registration', { settled: (id, change) => this.settled(id, change) });
  }

  /** In the settlement's transaction: the seat confirmed, or the money sent back after commit. */
  private async settled(registrationId: number, change: MoneyChange): Promise<void> {
    if (change.kind !== 'paid') return;
    const found = await this.registrations.findOneBy({ id: registrationId });
    if (!found) {
      this.logger.error(`Payment ${change.paymentId} is for a missing registration ${registrationId}`);
      return;
    }
    await this.seats.lock([found.sessionId]);
    const row = await this.registrations.findOneByOrFail({ id: registrationId });
    if (row.state === 'awaiting_payment' || row.state === 'offered') {
      await this.registrations.update(
        { id: row.id, state: row.state },
        { state: 'confirmed', holdExpiresAt: null, updatedAt: now() },
      );
      return;
    }
    this.logger.warn(
      `Payment ${change.paymentId} arrived for registration ${row.id}, which is ${row.state}: refunded in full`,
    );
    const requestedBy = change.actor.user?.id ?? row.userId;
    await afterCommit(() =>
      this.refunds.refundByRule(change.actor, requestedBy, change.paymentId, {
        amountFen: change.amountFen,
        reason: '名额已不再保留，款项原路退回',
      }),
    );
  }

  /** The WeChat Pay order of a held paid seat, opened outside any transaction. */
  order(ctx: SignedInContext, row: RegistrationEntity, event: EventEntity): Promise<WechatPayOrder> {
    return this.payments.startWechatPay(
      ctx,
      { type: 'event_registration', id: row.id },
      {
        amountFen: row.priceFen,
        description: orderDescription(event),
      },
    );
  }

  /**
   * Net paid and the latest payment of each paid registration among these. A booked seat shows its
   * share of its booking’s money (`sharesOf`).
   */
  async moneyOf(
    rows: readonly RegistrationEntity[],
  ): Promise<Map<number, { paidFen: number; paymentId: number | null }>> {
    const money = new Map<number, { paidFen: number; paymentId: number | null }>();
    const ledgers = await this.ledgersOf(rows);
    for (const ledger of ledgers.values()) {
      const paid = this.sharesOf(ledger, (payment) => payment.settledFen);
      for (const [id, paidFen] of paid) {
        if (ledger.asked.has(id)) money.set(id, { paidFen, paymentId: ledger.latestPaymentId });
      }
    }
    return money;
  }

  /**
   * What each of these paid registrations may still have back, for refunds decided in a
   * transaction: its own payments less every refund not failed, or its share of its booking's.
   * Read before they are cancelled, so booked seats leaving together each keep their share.
   */
  async refundable(rows: readonly RegistrationEntity[]): Promise<Map<number, number>> {
    const left = new Map<number, number>();
    for (const ledger of (await this.ledgersOf(rows)).values()) {
      for (const [id, fen] of this.sharesOf(ledger, (payment) => payment.leftFen)) {
        if (ledger.asked.has(id)) left.set(id, fen);
      }
    }
    return left;
  }

  /**
   * Sends back `amountFen` of what was paid for these registrations once the caller's transaction
   * has committed, from the WeChat payments of each (its booking's for a booked seat) that still
   * hold that much: seats of one booking draw on the same payments, never past what they hold.
   */
  async refundAfterCommit(
    actor: RequestContext,
    requestedBy: number,
    refunds: readonly { registration: RegistrationEntity; amountFen: number }[],
    reason: string,
  ): Promise<void> {
    const due = refunds.filter((refund) => refund.amountFen > 0);
    if (due.length === 0) return;
    const bySubject = new Map<string, { id: number; left: number }[]>();
    for (const { registration } of due) {
      const subject = subjectOfRow(registration);
      const key = keyOf(subject);
      if (bySubject.has(key)) continue;
      const payments = await this.payments.listFor(subject);
      bySubject.set(
        key,
        payments
          .filter((payment) => payment.method === 'wechat' && payment.status === 'succeeded')
          .map((payment) => ({ id: payment.id, left: leftOf(payment) })),
      );
    }
    await afterCommit(async () => {
      for (const { registration, amountFen } of due) {
        let owed = amountFen;
        for (const payment of bySubject.get(keyOf(subjectOfRow(registration))) ?? []) {
          const part = Math.min(owed, payment.left);
          if (part <= 0) continue;
          payment.left -= part;
          owed -= part;
          // One refund refused (WeChat Pay down) must not keep the other seats' money back.
          await this.refunds
            .refundByRule(actor, requestedBy, payment.id, { amountFen: part, reason })
            .catch((error: unknown) => {
              this.logger.error(
                `Registration ${registration.id}: refund of ${part} fen failed: ${String(error)}`,
              );
            });
        }
        if (owed > 0) this.logger.error(`Registration ${registration.id}: ${owed} fen could not be refunded`);
      }
    });
  }

  /**
   * These seats, no longer held, cannot be paid for any more: the open WeChat Pay order of each one
   * that was awaiting payment (its booking's for a booked seat) is closed once the caller's
   * transaction has committed. A payment that beats the close is refunded when it settles.
   */
  async closeOrdersAfterCommit(released: readonly RegistrationEntity[]): Promise<void> {
    const subjects = new Map<string, PaymentSubject>();
    for (const row of released) {
      if (row.priceFen <= 0 || row.state !== 'awaiting_payment') continue;
      const subject = subjectOfRow(row);
      subjects.set(keyOf(subject), subject);
    }
    for (const subject of subjects.values()) await this.payments.closeOpenOrderAfterCommit(subject);
  }

  /**
   * The paid registrations among these by where their money is: their own payments, or their
   * booking's (with every seat of the booking, whose shares depend on one another).
   */
  private async ledgersOf(rows: readonly RegistrationEntity[]): Promise<Map<string, Ledger>> {
    const ledgers = new Map<string, Ledger>();
    for (const row of rows) {
      if (row.priceFen <= 0) continue;
      const subject = subjectOfRow(row);
      const key = keyOf(subject);
      const known = ledgers.get(key);
      if (known) {
        known.asked.add(row.id);
        continue;
      }
      const seats =
        row.bookingId === null ? [row] : await this.registrations.findBy({ bookingId: row.bookingId });
      const payments = await this.payments.listFor(subject);
      ledgers.set(key, {
        seats,
        asked: new Set([row.id]),
        latestPaymentId: payments[0]?.id ?? null,
        payments: payments
          .filter((payment) => payment.status === 'succeeded')
          .map((payment) => ({
            id: payment.id,
            settledFen: payment.amountFen - payment.refundedFen,
            leftFen: leftOf(payment),
          })),
      });
    }
    return ledgers;
  }

  /**
   * A ledger's money shared among its seats, up to each seat's price. A booking's payment confirmed
   * every seat then held at once, and a seat's refund leaves the ledger when it goes: the live
   * confirmed seats hold the money first (id order), then the cancelled ones, latest first — a
   * refund by the rule goes to early cancellations, so what is left belongs to the late ones.
   */
  private sharesOf(ledger: Ledger, amount: (payment: LedgerPayment) => number): Map<number, number> {
    let left = ledger.payments.reduce((sum, payment) => sum + amount(payment), 0);
    const shares = new Map<number, number>();
    for (const seat of [...ledger.seats].sort(seatOrder)) {
      // A seat still held awaiting payment (or offered) has paid nothing yet.
      const share =
        seat.state === 'confirmed' || seat.state === 'cancelled' ? Math.min(seat.priceFen, left) : 0;
      shares.set(seat.id, Math.max(share, 0));
      left -= Math.max(share, 0);
    }
    return shares;
  }
}
