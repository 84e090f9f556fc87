import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { PaymentError } from '@itss/shared';
import { LessThan, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import type { RequestContext } from '../../common/request-context';
import { WechatPayApi } from '../../wechatpay/wechatpay.types';
import { PaymentSettlement } from './payment-settlement';
import { PaymentEntity, RefundEntity } from './payment.entity';

/**
 * Asking WeChat Pay where an order or refund stands, for the payer's sync and the job: what it says
 * is settled like a notification (PaymentSettlement), and a refund it never received is asked for
 * again with the same out_refund_no.
 */
@Injectable()
export class PaymentReconciler {
  private readonly logger = new Logger(PaymentReconciler.name);

  constructor(
    @InjectRepository(PaymentEntity) private readonly payments: Repository<PaymentEntity>,
    @InjectRepository(RefundEntity) private readonly refunds: Repository<RefundEntity>,
    private readonly settlement: PaymentSettlement,
    private readonly wechatPay: WechatPayApi,
  ) {}

  /** The job's work: settle orders left without a notification by asking WeChat Pay, close expired ones. */
  async settleStale(at: Date): Promise<{ settled: number; closed: number }> {
    const tally = { settled: 0, closed: 0 };
    if (!this.wechatPay.enabled) return tally;
    const system: RequestContext = { user: null, roles: [], sessionId: null, ip: '' };
    const pending = await this.payments.find({
      where: { method: 'wechat', status: 'pending', createdAt: LessThan(new Date(at.getTime() - 60_000)) },
      order: { id: 'ASC' },
      take: 500,
    });
    for (const row of pending) {
      const outcome = await this.reconcile(system, row, at).catch((error: unknown) => {
        this.logger.warn(`Could not settle payment ${row.id}: ${String(error)}`);
        return 'unchanged' as const;
      });
      if (outcome === 'settled') tally.settled++;
      if (outcome === 'closed') tally.closed++;
    }
    const processing = await this.refunds.find({
      where: { status: 'processing', createdAt: LessThan(new Date(at.getTime() - 60_000)) },
      order: { id: 'ASC' },
      take: 500,
    });
    for (const refund of processing) {
      await this.reconcileRefund(system, refund).catch((error: unknown) => {
        this.logger.warn(`Could not settle refund ${refund.id}: ${String(error)}`);
      });
    }
    return tally;
  }

  /** Asks WeChat Pay about one order and settles what it says: paid, closed there, failed, or expired. */
  async reconcile(
    actor: RequestContext,
    row: PaymentEntity,
    at: Date,
  ): Promise<'settled' | 'closed' | 'unchanged'> {
    if (row.status === 'succeeded') {
      for (const refund of await this.refunds.findBy({ paymentId: row.id, status: 'processing' })) {
        await this.reconcileRefund(actor, refund);
      }
      return 'unchanged';
    }
    if (!row.outTradeNo || row.status === 'failed') return 'unchanged';
    const reported = await this.wechatPay.queryOrder(row.outTradeNo).catch((error: unknown) => {
      this.logger.warn(`WeChat Pay could not be asked about payment ${row.id}: ${String(error)}`);
      throw new AppError(PaymentError.WechatPayFailed);
    });
    if (reported?.tradeState === 'SUCCESS' || reported?.tradeState === 'REFUND') {
      return (await this.settlement.settlePaid(actor, reported)) === 'settled' ? 'settled' : 'unchanged';
    }
    if (row.status !== 'pending') return 'unchanged';
    if (reported?.tradeState === 'PAYERROR') {
      return (await this.settlement.settleUnpaid(row.id, 'failed')) ? 'closed' : 'unchanged';
    }
    const expired = (row.expiresAt?.getTime() ?? 0) <= at.getTime();
    if (
      reported === null ||
      reported.tradeState === 'CLOSED' ||
      reported.tradeState === 'REVOKED' ||
      expired
    ) {
      if (reported && expired && reported.tradeState === 'NOTPAY')
        await this.wechatPay.closeOrder(row.outTradeNo);
      return (await this.settlement.settleUnpaid(row.id, 'closed')) ? 'closed' : 'unchanged';
    }
    return 'unchanged';
  }

  /** A refund still processing: its outcome, or our call repeated with the same out_refund_no. */
  private async reconcileRefund(actor: RequestContext, refund: RefundEntity): Promise<void> {
    const reported = await this.wechatPay.queryRefund(refund.outRefundNo);
    if (reported) {
      await this.settlement.settleRefund(actor, reported);
      return;
    }
    const payment = await this.payments.findOneByOrFail({ id: refund.paymentId });
    const answered = await this.wechatPay.refund({
      outTradeNo: payment.outTradeNo ?? '',
      outRefundNo: refund.outRefundNo,
      reason: refund.reason,
      refundFen: refund.amountFen,
      totalFen: payment.amountFen,
    });
    await this.settlement.settleRefund(actor, answered);
  }
}
