import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { ErrorCode, PaymentError, type Refund, type RefundRequest, formatFen } from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { RequestContext, SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { WechatPayApi, WechatPayCallError, type WechatPayRefund } from '../../wechatpay/wechatpay.types';
import { AuditService } from '../audit/audit.service';
import { PaymentSettlement } from './payment-settlement';
import { PaymentEntity, RefundEntity } from './payment.entity';
import { PaymentsPolicy } from './payments.policy';

/** Our refund call is repeated this often, with the same out_refund_no, before it is left to the job. */
const CALL_ATTEMPTS = 3;

function present(row: RefundEntity): Refund {
  return {
    id: row.id,
    paymentId: row.paymentId,
    amountFen: row.amountFen,
    reason: row.reason,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    succeededAt: row.succeededAt?.toISOString() ?? null,
  };
}

/**
 * Staff refund a WeChat payment in part or whole. The refund row (with its out_refund_no) is
 * committed before WeChat Pay is asked, under the payment's row lock, so two requests at once never
 * refund more than was paid and a repeated call names the same refund. It counts when WeChat Pay
 * reports SUCCESS (its answer, its notification, or a query by sync or the job).
 */
@Injectable()
export class RefundsService {
  private readonly logger = new Logger(RefundsService.name);

  constructor(
    @InjectRepository(PaymentEntity) private readonly payments: Repository<PaymentEntity>,
    @InjectRepository(RefundEntity) private readonly refunds: Repository<RefundEntity>,
    private readonly settlement: PaymentSettlement,
    private readonly wechatPay: WechatPayApi,
    private readonly audit: AuditService,
    private readonly policy: PaymentsPolicy,
  ) {}

  async request(ctx: SignedInContext, paymentId: number, body: RefundRequest): Promise<Refund> {
    authorize(this.policy, ctx, 'refund', undefined);
    return this.issue(ctx, ctx.user.id, paymentId, body);
  }

  /**
   * A refund that a feature's own rule decides rather than staff (an event's refund on
   * cancellation, a payment that arrived for a seat no longer held): no policy asks, and it is
   * recorded as requested by `requestedBy`, the person it is made for or who caused it. Outside
   * any transaction (it calls WeChat Pay): features run it after their change has committed.
   */
  refundByRule(
    actor: RequestContext,
    requestedBy: number,
    paymentId: number,
    body: RefundRequest,
  ): Promise<Refund> {
    return this.issue(actor, requestedBy, paymentId, body);
  }

  private async issue(
    ctx: RequestContext,
    requestedBy: number,
    paymentId: number,
    body: RefundRequest,
  ): Promise<Refund> {
    const { refund, payment } = await this.reserve(ctx, requestedBy, paymentId, body);
    let answered: WechatPayRefund | null = null;
    for (let attempt = 1; attempt <= CALL_ATTEMPTS && !answered; attempt++) {
      try {
        answered = await this.wechatPay.refund({
          outTradeNo: payment.outTradeNo ?? '',
          outRefundNo: refund.outRefundNo,
          reason: refund.reason,
          refundFen: refund.amountFen,
          totalFen: payment.amountFen,
        });
      } catch (error) {
        // WeChat Pay's refusal (a 4xx with its code) is final; anything else may not have reached it.
        if (error instanceof WechatPayCallError && error.status >= 400 && error.status < 500) {
          this.logger.warn(`WeChat Pay refused refund ${refund.id}: ${error.code} ${error.message}`);
          await this.settlement.settleRefund(ctx, {
            outRefundNo: refund.outRefundNo,
            outTradeNo: payment.outTradeNo ?? '',
            refundId: null,
            status: 'CLOSED',
            refundFen: refund.amountFen,
            successTime: null,
          });
          throw new AppError(PaymentError.WechatPayFailed);
        }
        this.logger.warn(`Refund ${refund.id} call failed (attempt ${attempt}): ${String(error)}`);
      }
    }
    // Unanswered: the refund stays processing and the job asks again with the same out_refund_no.
    if (answered) await this.settlement.settleRefund(ctx, answered);
    return present(await this.refunds.findOneByOrFail({ id: refund.id }));
  }

  @RetryOnConflict()
  @Transactional()
  private async reserve(
    ctx: RequestContext,
    requestedBy: number,
    paymentId: number,
    body: RefundRequest,
  ): Promise<{ refund: RefundEntity; payment: PaymentEntity }> {
    await lockRows(this.payments, [paymentId]);
    const payment = await this.payments.findOneBy({ id: paymentId });
    if (!payment) throw new AppError(ErrorCode.NotFound);
    if (payment.method !== 'wechat' || payment.status !== 'succeeded') {
      throw new AppError(PaymentError.NotRefundable);
    }
    const taken = await this.refunds.findBy({ paymentId, status: In(['processing', 'succeeded']) });
    const takenFen = taken.reduce((sum, refund) => sum + refund.amountFen, 0);
    if (takenFen + body.amountFen > payment.amountFen) throw new AppError(PaymentError.RefundTooLarge);
    const at = now();
    const refund = await this.refunds.save(
      this.refunds.create({
        paymentId,
        outRefundNo: `R${at.getTime().toString(36)}${randomBytes(9).toString('hex')}`.toUpperCase(),
        amountFen: body.amountFen,
        reason: body.reason,
        status: 'processing',
        refundId: null,
        requestedBy,
        createdAt: at,
        updatedAt: at,
        succeededAt: null,
      }),
    );
    await this.audit.record(ctx, {
      action: 'payment.refund_requested',
      target: { type: 'payment', id: paymentId },
      detail: `退款 ${formatFen(body.amountFen)}：${body.reason}`,
    });
    return { refund, payment };
  }
}
