import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { type Repository } from 'typeorm';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import type { PaymentSubject } from './payment-subjects';
import { PaymentEntity } from './payment.entity';

/** How long an order may be paid: WeChat Pay's `time_expire`. */
export const ORDER_TTL_MS = 30 * 60 * 1000;
/** An order answered again must leave the payer this long to finish paying. */
const REUSE_MARGIN_MS = 5 * 60 * 1000;

/** The key that holds a subject's one open order. */
export function openKeyOf(subject: PaymentSubject): string {
  return `${subject.type}:${subject.id}`;
}

/** 32 characters, WeChat Pay's limit: a prefix, the time and randomness. */
function outTradeNo(at: Date): string {
  return `P${at.getTime().toString(36)}${randomBytes(9).toString('hex')}`.slice(0, 32).toUpperCase();
}

/** What claiming a subject's open order gave: the order to pay, and the one it replaced, if any. */
export interface ClaimedOrder {
  order: PaymentEntity;
  /** Answered again: WeChat Pay already holds it (or is about to, for a request in flight). */
  reused: boolean;
  /** The out_trade_no of another payer's or an expired order closed for this one: close it at WeChat Pay too. */
  replaced: string | null;
}

/**
 * One open WeChat order per subject, decided in the database before WeChat Pay is asked: the open
 * order's row is locked, then it is answered again (the same payer, the same amount, time left),
 * or closed and a new one opened. Two first requests at once collide on `open_key`; the loser's
 * rerun finds the winner's order.
 */
@Injectable()
export class WechatOrders {
  constructor(@InjectRepository(PaymentEntity) private readonly payments: Repository<PaymentEntity>) {}

  @RetryOnConflict()
  @Transactional()
  async claim(
    actor: SignedInContext,
    subject: PaymentSubject,
    amountFen: number,
    payerName: string | null,
  ): Promise<ClaimedOrder> {
    const openKey = openKeyOf(subject);
    const at = now();
    let replaced: string | null = null;
    const open = await this.payments.findOneBy({ openKey });
    if (open) {
      await lockRows(this.payments, [open.id]);
      const current = await this.payments.findOneByOrFail({ id: open.id });
      if (current.openKey === openKey) {
        const reusable =
          current.payerUserId === actor.user.id &&
          current.amountFen === amountFen &&
          (current.expiresAt?.getTime() ?? 0) - at.getTime() > REUSE_MARGIN_MS;
        if (reusable) return { order: current, reused: true, replaced: null };
        await this.payments.update(
          { id: current.id, status: 'pending' },
          { status: 'closed', openKey: null, updatedAt: at },
        );
        replaced = current.outTradeNo;
      }
    }
    const order = await this.payments.save(
      this.payments.create({
        subjectType: subject.type,
        subjectId: subject.id,
        method: 'wechat',
        status: 'pending',
        amountFen,
        outTradeNo: outTradeNo(at),
        transactionId: null,
        bankReference: null,
        openKey,
        payerUserId: actor.user.id,
        payerOpenid: actor.user.openid,
        payerName,
        paidOn: null,
        expiresAt: new Date(at.getTime() + ORDER_TTL_MS),
        prepayId: null,
        recordedBy: null,
        createdAt: at,
        updatedAt: at,
      }),
    );
    return { order, reused: false, replaced };
  }

  /** The prepay_id WeChat Pay gave the order; the first answer stays (the same order gives the same one). */
  async attachPrepay(paymentId: number, prepayId: string): Promise<string> {
    await this.payments
      .createQueryBuilder()
      .update()
      .set({ prepayId, updatedAt: now() })
      .where('id = :id AND prepay_id IS NULL', { id: paymentId })
      .execute();
    return (await this.payments.findOneByOrFail({ id: paymentId })).prepayId ?? prepayId;
  }
}
