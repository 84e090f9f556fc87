import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EVENT_KIND_NAMES, type WechatPayOrder } from '@itss/shared';
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

const subjectOf = (registrationId: number): PaymentSubject => ({
  type: 'event_registration',
  id: registrationId,
});

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
    return this.payments.startWechatPay(ctx, subjectOf(row.id), {
      amountFen: row.priceFen,
      description: orderDescription(event),
    });
  }

  /** Net paid and the latest payment of each paid registration among these. */
  async moneyOf(
    rows: readonly RegistrationEntity[],
  ): Promise<Map<number, { paidFen: number; paymentId: number | null }>> {
    const paid = rows.filter((row) => row.priceFen > 0);
    const money = new Map<number, { paidFen: number; paymentId: number | null }>();
    if (paid.length === 0) return money;
    const net = await this.payments.netPaidBySubject(
      'event_registration',
      paid.map((row) => row.id),
    );
    for (const row of paid) {
      const latest = (await this.payments.listFor(subjectOf(row.id)))[0];
      money.set(row.id, { paidFen: net.get(row.id) ?? 0, paymentId: latest?.id ?? null });
    }
    return money;
  }

  /**
   * Sends back `amountFen` of what was paid for these registrations once the caller's transaction
   * has committed, from their WeChat payments that still hold that much.
   */
  async refundAfterCommit(
    actor: RequestContext,
    requestedBy: number,
    refunds: readonly { registrationId: number; amountFen: number }[],
    reason: string,
  ): Promise<void> {
    const due = refunds.filter((refund) => refund.amountFen > 0);
    if (due.length === 0) return;
    const byRegistration = new Map<number, { id: number; left: number }[]>();
    for (const { registrationId } of due) {
      const payments = await this.payments.listFor(subjectOf(registrationId));
      byRegistration.set(
        registrationId,
        payments
          .filter((payment) => payment.method === 'wechat' && payment.status === 'succeeded')
          .map((payment) => ({
            id: payment.id,
            left:
              payment.amountFen -
              payment.refunds
                .filter((refund) => refund.status !== 'failed')
                .reduce((sum, refund) => sum + refund.amountFen, 0),
          })),
      );
    }
    await afterCommit(async () => {
      for (const { registrationId, amountFen } of due) {
        let owed = amountFen;
        for (const payment of byRegistration.get(registrationId) ?? []) {
          const part = Math.min(owed, payment.left);
          if (part <= 0) continue;
          await this.refunds.refundByRule(actor, requestedBy, payment.id, { amountFen: part, reason });
          owed -= part;
        }
        if (owed > 0) this.logger.error(`Registration ${registrationId}: ${owed} fen could not be refunded`);
      }
    });
  }

  /** Net paid per registration, for refunds decided in a transaction. */
  async netPaid(ids: readonly number[]): Promise<Map<number, number>> {
    return ids.length ? this.payments.netPaidBySubject('event_registration', ids) : new Map();
  }
}
