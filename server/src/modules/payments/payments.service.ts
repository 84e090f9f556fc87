import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ErrorCode,
  type Payment,
  PaymentError,
  type PaymentSyncResponse,
  type RecordPaymentRequest,
  type WechatPayOrder,
  formatFen,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { afterCommit } from '../../common/after-commit';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { RequestContext, SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { WechatPayApi } from '../../wechatpay/wechatpay.types';
import { AuditService } from '../audit/audit.service';
import { PaymentReconciler } from './payment-reconciler';
import { PaymentSettlement } from './payment-settlement';
import type { PaymentSubject } from './payment-subjects';
import { PaymentSubjects } from './payment-subjects';
import { PaymentEntity, RefundEntity } from './payment.entity';
import { PaymentsPolicy } from './payments.policy';
import { WechatOrders, openKeyOf } from './wechat-orders';

/** Bank references asked about in one query. */
const REFERENCE_BATCH = 500;

function presentPayment(row: PaymentEntity, refunds: RefundEntity[]): Payment {
  const own = refunds.filter((refund) => refund.paymentId === row.id);
  return {
    id: row.id,
    method: row.method,
    status: row.status,
    amountFen: row.amountFen,
    refundedFen: own.filter((r) => r.status === 'succeeded').reduce((sum, r) => sum + r.amountFen, 0),
    paidOn: row.paidOn,
    bankReference: row.bankReference,
    payerName: row.payerName,
    transactionId: row.transactionId,
    createdAt: row.createdAt.toISOString(),
    refunds: own.map((refund) => ({
      id: refund.id,
      paymentId: refund.paymentId,
      amountFen: refund.amountFen,
      reason: refund.reason,
      status: refund.status,
      createdAt: refund.createdAt.toISOString(),
      succeededAt: refund.succeededAt?.toISOString() ?? null,
    })),
  };
}

/**
 * Payments as the features that bill use them: bank transfers recorded, WeChat Pay orders opened
 * and settled, and what a subject has been paid. Refunds are RefundsService's; WeChat Pay's word
 * becomes our money in PaymentSettlement.
 */
@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);

  constructor(
    @InjectRepository(PaymentEntity) private readonly payments: Repository<PaymentEntity>,
    @InjectRepository(RefundEntity) private readonly refunds: Repository<RefundEntity>,
    private readonly subjects: PaymentSubjects,
    private readonly settlement: PaymentSettlement,
    private readonly orders: WechatOrders,
    private readonly reconciler: PaymentReconciler,
    private readonly wechatPay: WechatPayApi,
    private readonly audit: AuditService,
    private readonly policy: PaymentsPolicy,
  ) {}

  /**
   * A bank transfer staff saw arrive (by hand or from a statement): a `succeeded` payment with its
   * bank reference, which is unique for ever. Joins the caller's transaction; calls the subject's
   * handler (`settled`) in it. A reference credited before throws `PaymentError.BankReferenceUsed`;
   * two at once collide on the unique index and the loser's rerun finds the winner's row.
   */
  @RetryOnConflict()
  @Transactional()
  async recordBankTransfer(
    actor: RequestContext,
    subject: PaymentSubject,
    input: RecordPaymentRequest,
  ): Promise<{ paymentId: number }> {
    authorize(this.policy, actor, 'record', undefined);
    if (await this.payments.existsBy({ bankReference: input.bankReference })) {
      throw new AppError(PaymentError.BankReferenceUsed);
    }
    const at = now();
    const { identifiers } = await this.payments.insert({
      subjectType: subject.type,
      subjectId: subject.id,
      method: 'bank_transfer',
      status: 'succeeded',
      amountFen: input.amountFen,
      outTradeNo: null,
      transactionId: null,
      bankReference: input.bankReference,
      openKey: null,
      payerUserId: null,
      payerOpenid: null,
      payerName: input.payerName,
      paidOn: input.paidOn,
      expiresAt: null,
      prepayId: null,
      recordedBy: actor.user?.id ?? null,
      createdAt: at,
      updatedAt: at,
    });
    const paymentId = Number(identifiers[0]?.id);
    await this.audit.record(actor, {
      action: 'payment.recorded',
      target: { type: 'payment', id: paymentId },
      detail: `对公转账 ${formatFen(input.amountFen)}，${input.payerName}，流水号 ${input.bankReference}，${input.paidOn}`,
    });
    await this.subjects
      .handlerOf(subject.type)
      .settled(subject.id, { paymentId, kind: 'paid', amountFen: input.amountFen, actor });
    return { paymentId };
  }

  /** Which of these bank references were credited before. */
  async usedBankReferences(references: readonly string[]): Promise<Set<string>> {
    const used = new Set<string>();
    const unique = [...new Set(references)];
    for (let i = 0; i < unique.length; i += REFERENCE_BATCH) {
      const rows = await this.payments.find({
        select: { id: true, bankReference: true },
        where: { bankReference: In(unique.slice(i, i + REFERENCE_BATCH)) },
      });
      for (const row of rows) if (row.bankReference) used.add(row.bankReference);
    }
    return used;
  }

  /**
   * Opens (or answers the caller's still-valid) WeChat Pay order for the subject: at most one open
   * order per subject; another person's request closes the open one and opens theirs. Outside any
   * transaction (it calls WeChat Pay). `description` is what the payer's WeChat shows (≤ 127 bytes).
   */
  async startWechatPay(
    actor: SignedInContext,
    subject: PaymentSubject,
    order: { amountFen: number; description: string },
  ): Promise<WechatPayOrder> {
    if (!this.wechatPay.enabled) throw new AppError(PaymentError.WechatPayUnavailable);
    const claimed = await this.orders.claim(actor, subject, order.amountFen, actor.user.displayName);
    if (claimed.replaced) {
      const replaced = claimed.replaced;
      await afterCommit(() => this.wechatPay.closeOrder(replaced));
    }
    const payment = claimed.order;
    let prepayId = payment.prepayId;
    if (!prepayId) {
      try {
        const opened = await this.wechatPay.jsapiOrder({
          outTradeNo: payment.outTradeNo ?? '',
          description: order.description,
          amountFen: payment.amountFen,
          openid: actor.user.openid,
          expiresAt: payment.expiresAt ?? new Date(Date.now() + 30 * 60 * 1000),
        });
        prepayId = await this.orders.attachPrepay(payment.id, opened.prepayId);
      } catch (error) {
        this.logger.warn(`WeChat Pay refused order ${payment.id}: ${String(error)}`);
        // Not opened there, so nobody can pay it: it gives up the subject's open slot.
        if (!claimed.reused) await this.settlement.settleUnpaid(payment.id, 'failed');
        throw new AppError(PaymentError.WechatPayFailed);
      }
    }
    return {
      paymentId: payment.id,
      amountFen: payment.amountFen,
      expiresAt: (payment.expiresAt ?? now()).toISOString(),
      requestPayment: this.wechatPay.requestPaymentParams(prepayId),
    };
  }

  /**
   * The subject's open WeChat Pay order (if any) closed once the caller's transaction has
   * committed, at WeChat Pay and then here, so that what it paid for — no longer held — cannot be
   * paid. The order is read now and closed after: one opened meanwhile is not touched. When WeChat
   * Pay will not close it (paid first, or not reached), it is asked where the order stands: a
   * payment settles as any late one (its subject decides), an unanswered order is the job's.
   */
  async closeOpenOrderAfterCommit(subject: PaymentSubject): Promise<void> {
    const open = await this.payments.findOneBy({ openKey: openKeyOf(subject) });
    if (!open?.outTradeNo) return;
    const { id, outTradeNo } = open;
    await afterCommit(async () => {
      try {
        await this.wechatPay.closeOrder(outTradeNo);
      } catch (error) {
        this.logger.warn(`WeChat Pay did not close order ${id}: ${String(error)}; asking where it stands`);
        const system: RequestContext = { user: null, roles: [], sessionId: null, ip: '' };
        await this.reconciler.reconcile(system, await this.payments.findOneByOrFail({ id }), now());
        return;
      }
      await this.settlement.settleUnpaid(id, 'closed');
    });
  }

  /** Whether WeChat Pay is offered (configured, or the local stand-in in development). */
  get wechatPayEnabled(): boolean {
    return this.wechatPay.enabled;
  }

  /** Confirmed money of a subject: succeeded payments less succeeded refunds, in fen. */
  async netPaidFen(subject: PaymentSubject): Promise<number> {
    return (await this.netPaidBySubject(subject.type, [subject.id])).get(subject.id) ?? 0;
  }

  /** Net paid per subject id, for lists and summaries. */
  async netPaidBySubject(type: PaymentSubject['type'], ids: readonly number[]): Promise<Map<number, number>> {
    const net = new Map<number, number>(ids.map((id) => [id, 0]));
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += REFERENCE_BATCH) {
      const batch = unique.slice(i, i + REFERENCE_BATCH);
      const paid = await this.payments
        .createQueryBuilder('payment')
        .select('payment.subjectId', 'subjectId')
        .addSelect('SUM(payment.amountFen)', 'fen')
        .where('payment.subjectType = :type AND payment.subjectId IN (:...batch)', { type, batch })
        .andWhere("payment.status = 'succeeded'")
        .groupBy('payment.subjectId')
        .getRawMany<{ subjectId: number | string; fen: number | string }>();
      const refunded = await this.refunds
        .createQueryBuilder('refund')
        .innerJoin(PaymentEntity, 'payment', 'payment.id = refund.paymentId')
        .select('payment.subjectId', 'subjectId')
        .addSelect('SUM(refund.amountFen)', 'fen')
        .where('payment.subjectType = :type AND payment.subjectId IN (:...batch)', { type, batch })
        .andWhere("refund.status = 'succeeded'")
        .groupBy('payment.subjectId')
        .getRawMany<{ subjectId: number | string; fen: number | string }>();
      for (const row of paid) net.set(Number(row.subjectId), Number(row.fen));
      for (const row of refunded) {
        net.set(Number(row.subjectId), (net.get(Number(row.subjectId)) ?? 0) - Number(row.fen));
      }
    }
    return net;
  }

  /** Money received and refunded over many subjects of one type together (an event's statistics). */
  async totalsOf(
    type: PaymentSubject['type'],
    ids: readonly number[],
  ): Promise<{ paidFen: number; refundedFen: number }> {
    const totals = { paidFen: 0, refundedFen: 0 };
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += REFERENCE_BATCH) {
      const batch = unique.slice(i, i + REFERENCE_BATCH);
      const paid = await this.payments
        .createQueryBuilder('payment')
        .select('SUM(payment.amountFen)', 'fen')
        .where('payment.subjectType = :type AND payment.subjectId IN (:...batch)', { type, batch })
        .andWhere("payment.status = 'succeeded'")
        .getRawOne<{ fen: number | string | null }>();
      const refunded = await this.refunds
        .createQueryBuilder('refund')
        .innerJoin(PaymentEntity, 'payment', 'payment.id = refund.paymentId')
        .select('SUM(refund.amountFen)', 'fen')
        .where('payment.subjectType = :type AND payment.subjectId IN (:...batch)', { type, batch })
        .andWhere("refund.status = 'succeeded'")
        .getRawOne<{ fen: number | string | null }>();
      totals.paidFen += Number(paid?.fen ?? 0);
      totals.refundedFen += Number(refunded?.fen ?? 0);
    }
    return totals;
  }

  /** A subject's payments (pending ones included) with their refunds, newest first. */
  async listFor(subject: PaymentSubject): Promise<Payment[]> {
    const rows = await this.payments.find({
      where: { subjectType: subject.type, subjectId: subject.id },
      order: { id: 'DESC' },
    });
    const refunds = rows.length
      ? await this.refunds.find({ where: { paymentId: In(rows.map((row) => row.id)) }, order: { id: 'ASC' } })
      : [];
    return rows.map((row) => presentPayment(row, refunds));
  }

  /** One payment as the contract shows it. */
  async describe(paymentId: number): Promise<Payment> {
    const row = await this.payments.findOneBy({ id: paymentId });
    if (!row) throw new AppError(ErrorCode.NotFound);
    return presentPayment(row, await this.refunds.findBy({ paymentId }));
  }

  /**
   * `POST /api/payments/:id/sync`: the payer (or staff) back from `requestPayment` asks WeChat Pay
   * where the order stands and has it settled at once; the notification may come later or never.
   */
  async sync(ctx: SignedInContext, paymentId: number): Promise<PaymentSyncResponse> {
    const row = await this.payments.findOneBy({ id: paymentId });
    authorize(this.policy, ctx, 'sync', { payerUserId: row?.payerUserId ?? null }, { hide: true });
    if (!row) throw new AppError(ErrorCode.NotFound);
    if (row.method === 'wechat') await this.reconciler.reconcile(ctx, row, now());
    const current = await this.payments.findOneByOrFail({ id: paymentId });
    return { paymentId, status: current.status };
  }

  /** The job's work: settle orders left without a notification by asking WeChat Pay, close expired ones. */
  settleStale(at: Date): Promise<{ settled: number; closed: number }> {
    return this.reconciler.settleStale(at);
  }
}
