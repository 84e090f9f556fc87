import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { formatFen } from '@itss/shared';
import { In, type Repository } from 'typeorm';
import type { RequestContext } from '../../common/request-context';
import { beijingDate, now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import type { WechatPayRefund, WechatPayTransaction } from '../../wechatpay/wechatpay.types';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import { PaymentSubjects } from './payment-subjects';
import { PaymentEntity, RefundEntity } from './payment.entity';

/** What a settlement did: changed the money, found it already so, or refused what did not match. */
export type SettleOutcome = 'settled' | 'unchanged' | 'unknown' | 'mismatch';

/** States from which WeChat Pay's word that an order was paid is taken (a closed order may be paid late). */
const PAYABLE = ['pending', 'closed'] as const;

/**
 * Where WeChat Pay's word becomes our money: a paid order, a refund that succeeded or failed. The
 * notification, the payer's sync and the job all land here, however often and however concurrently:
 * each locks the payment row, then a guarded UPDATE decides which of them records the change, and
 * the subject's handler runs in the same transaction.
 */
@Injectable()
export class PaymentSettlement {
  private readonly logger = new Logger(PaymentSettlement.name);

  constructor(
    @InjectRepository(PaymentEntity) private readonly payments: Repository<PaymentEntity>,
    @InjectRepository(RefundEntity) private readonly refunds: Repository<RefundEntity>,
    private readonly subjects: PaymentSubjects,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  /**
   * Who a change is recorded as: the caller when a person asked (the payer's sync, staff), else
   * (WeChat Pay's notification, the job) the person it is about, so a bill's history names them.
   */
  private async onBehalfOf(actor: RequestContext, userId: number | null): Promise<RequestContext> {
    if (actor.user || userId === null) return actor;
    return { ...actor, user: await this.users.findById(userId) };
  }

  /** A transaction WeChat Pay reports SUCCESS: the payment succeeds once, and its subject follows. */
  @RetryOnConflict()
  @Transactional()
  async settlePaid(actor: RequestContext, paid: WechatPayTransaction): Promise<SettleOutcome> {
    const found = await this.payments.findOneBy({ outTradeNo: paid.outTradeNo, method: 'wechat' });
    if (!found) {
      this.logger.error(
        `WeChat Pay reports a paid order we never opened: out_trade_no ${paid.outTradeNo}, transaction ${paid.transactionId}, ${paid.amountFen} fen; nothing recorded`,
      );
      return 'unknown';
    }
    if (paid.amountFen !== found.amountFen) {
      this.logger.error(
        `WeChat Pay reports payment ${found.id} (out_trade_no ${paid.outTradeNo}, transaction ${paid.transactionId}) paid ${paid.amountFen} fen, ours is ${found.amountFen}; nothing recorded`,
      );
      return 'mismatch';
    }
    await lockRows(this.payments, [found.id]);
    const at = now();
    const paidOn = beijingDate(paid.successTime ? new Date(paid.successTime) : at);
    const { affected } = await this.payments.update(
      { id: found.id, status: In([...PAYABLE]) },
      {
        status: 'succeeded',
        transactionId: paid.transactionId,
        paidOn,
        openKey: null,
        updatedAt: at,
      },
    );
    if (!affected) {
      const current = await this.payments.findOneByOrFail({ id: found.id });
      if (current.status !== 'succeeded') {
        this.logger.error(
          `WeChat Pay reports payment ${found.id} (out_trade_no ${paid.outTradeNo}) paid, but it is ${current.status}; nothing recorded`,
        );
      }
      return 'unchanged';
    }
    const by = await this.onBehalfOf(actor, found.payerUserId);
    await this.audit.record(by, {
      action: 'payment.succeeded',
      target: { type: 'payment', id: found.id },
      detail: `微信支付 ${formatFen(found.amountFen)}（${paid.transactionId ?? paid.outTradeNo}）`,
    });
    await this.subjects
      .handlerOf(found.subjectType)
      .settled(found.subjectId, { paymentId: found.id, kind: 'paid', amountFen: found.amountFen, actor: by });
    return 'settled';
  }

  /**
   * An order WeChat Pay says will not be paid as it stands (closed there, or failed): it leaves the
   * subject's one open slot. Only a pending order moves; a paid one stays paid.
   */
  @RetryOnConflict()
  @Transactional()
  async settleUnpaid(paymentId: number, status: 'closed' | 'failed'): Promise<boolean> {
    const { affected } = await this.payments.update(
      { id: paymentId, status: 'pending' },
      { status, openKey: null, updatedAt: now() },
    );
    return Boolean(affected);
  }

  /** A refund WeChat Pay reports: SUCCESS counts once, CLOSED or ABNORMAL fails it; PROCESSING waits. */
  @RetryOnConflict()
  @Transactional()
  async settleRefund(actor: RequestContext, reported: WechatPayRefund): Promise<SettleOutcome> {
    const refund = await this.refunds.findOneBy({ outRefundNo: reported.outRefundNo });
    const payment = refund ? await this.payments.findOneBy({ id: refund.paymentId }) : null;
    if (!refund || !payment || payment.outTradeNo !== reported.outTradeNo) {
      this.logger.error(
        `WeChat Pay reports a refund we never asked for: out_refund_no ${reported.outRefundNo}, out_trade_no ${reported.outTradeNo}, refund ${reported.refundId}; nothing recorded`,
      );
      return 'unknown';
    }
    if (reported.refundFen !== refund.amountFen) {
      this.logger.error(
        `WeChat Pay reports refund ${refund.id} (out_refund_no ${reported.outRefundNo}) of ${reported.refundFen} fen, ours is ${refund.amountFen}; nothing recorded`,
      );
      return 'mismatch';
    }
    if (reported.status === 'PROCESSING') return 'unchanged';
    // The payment row is what refund requests lock too: a refund's outcome and a new request on the
    // same payment are decided one after the other.
    await lockRows(this.payments, [payment.id]);
    const at = now();
    const succeeded = reported.status === 'SUCCESS';
    const { affected } = await this.refunds.update(
      { id: refund.id, status: 'processing' },
      succeeded
        ? { status: 'succeeded', refundId: reported.refundId, succeededAt: at, updatedAt: at }
        : { status: 'failed', refundId: reported.refundId, updatedAt: at },
    );
    if (!affected) return 'unchanged';
    if (!succeeded) {
      this.logger.warn(`Refund ${refund.id} of payment ${payment.id} ended ${reported.status} at WeChat Pay`);
      return 'settled';
    }
    const by = await this.onBehalfOf(actor, refund.requestedBy);
    await this.audit.record(by, {
      action: 'payment.refunded',
      target: { type: 'payment', id: payment.id },
      detail: `退款 ${formatFen(refund.amountFen)}（${reported.refundId ?? refund.outRefundNo}）`,
    });
    await this.subjects.handlerOf(payment.subjectType).settled(payment.subjectId, {
      paymentId: payment.id,
      kind: 'refunded',
      amountFen: refund.amountFen,
      actor: by,
    });
    return 'settled';
  }
}
