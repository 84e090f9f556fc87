import { z } from 'zod';
import { defineAuditActions } from '../audit';
import { decimalIdSchema } from '../common';
import { defineErrors } from '../errors';
import { defineStateMachine } from '../state-machine';

/**
 * Payments: money that arrived (or is on its way) for something a feature bills — a unit's dues
 * today, paid training later. A payment is a bank transfer staff recorded or a WeChat Pay order; the
 * order is the payment from the moment it is opened (`pending`), and `paymentId` names it from then
 * on. Refunds belong to a WeChat payment. Amounts are integer fen everywhere.
 */

/** The largest amount one payment, bill or fee may carry: ten million yuan, in fen (fits INT). */
export const FEN_MAX = 1_000_000_000;

/** A positive amount in integer fen: zero, negatives, fractions and absurd sums are refused. */
export const fenAmountSchema = z
  .number('请填写金额（单位：分）')
  .int('金额应为整数分')
  .positive('金额应大于 0')
  .max(FEN_MAX, '金额超出上限（1,000 万元）');

export const PAYMENT_METHODS = ['wechat', 'bank_transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_NAMES: Record<PaymentMethod, string> = {
  wechat: '微信支付',
  bank_transfer: '对公转账',
};

/**
 * `pending` while a WeChat order may still be paid; `succeeded` when the money arrived (a bank
 * transfer is recorded succeeded); `closed` when the order expired or was replaced unpaid;
 * `failed` when WeChat Pay says it will not be paid.
 */
export const PAYMENT_STATUSES = ['pending', 'succeeded', 'closed', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const PAYMENT_STATUS_NAMES: Record<PaymentStatus, string> = {
  pending: '待支付',
  succeeded: '已到账',
  closed: '已关闭',
  failed: '支付失败',
};
export const PAYMENT_STATE_MACHINE = defineStateMachine<PaymentStatus>({
  pending: ['succeeded', 'closed', 'failed'],
  succeeded: [],
  closed: ['succeeded'],
  failed: [],
});

export const REFUND_STATUSES = ['processing', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export const REFUND_STATUS_NAMES: Record<RefundStatus, string> = {
  processing: '退款中',
  succeeded: '已退款',
  failed: '退款失败',
};

export const refundSchema = z.object({
  id: z.number().int().positive(),
  paymentId: z.number().int().positive(),
  amountFen: z.number().int(),
  reason: z.string(),
  status: z.enum(REFUND_STATUSES),
  createdAt: z.iso.datetime(),
  succeededAt: z.iso.datetime().nullable(),
});
export type Refund = z.infer<typeof refundSchema>;

export const paymentSchema = z.object({
  id: z.number().int().positive(),
  method: z.enum(PAYMENT_METHODS),
  status: z.enum(PAYMENT_STATUSES),
  amountFen: z.number().int(),
  /** What succeeded refunds gave back. */
  refundedFen: z.number().int(),
  /** The day the money arrived (a bank transfer's 交易日期; a WeChat payment's success day). */
  paidOn: z.iso.date().nullable(),
  bankReference: z.string().nullable(),
  payerName: z.string().nullable(),
  /** WeChat Pay's transaction_id once paid. */
  transactionId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  refunds: z.array(refundSchema),
});
export type Payment = z.infer<typeof paymentSchema>;

export const paymentIdParamSchema = z.strictObject({ id: decimalIdSchema });

/** `POST /api/payments/:id/sync` → where the payment stands after asking WeChat Pay. */
export const paymentSyncResponseSchema = z.object({
  paymentId: z.number().int().positive(),
  status: z.enum(PAYMENT_STATUSES),
});
export type PaymentSyncResponse = z.infer<typeof paymentSyncResponseSchema>;

/** `POST /api/payments/:id/refunds`. */
export const refundRequestSchema = z.strictObject({
  amountFen: fenAmountSchema,
  reason: z.string('请填写退款原因').trim().min(2, '请填写退款原因').max(80, '退款原因最多 80 个字'),
});
export type RefundRequest = z.infer<typeof refundRequestSchema>;

/** What `Taro.requestPayment` takes, signed by the server (JSAPI, API v3). */
export const requestPaymentSchema = z.object({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.literal('RSA'),
  paySign: z.string(),
});
export type RequestPaymentParams = z.infer<typeof requestPaymentSchema>;

/** A WeChat Pay order opened for the caller: pay it with `requestPayment`, then sync `paymentId`. */
export const wechatPayOrderSchema = z.object({
  paymentId: z.number().int().positive(),
  amountFen: z.number().int().positive(),
  expiresAt: z.iso.datetime(),
  requestPayment: requestPaymentSchema,
});
export type WechatPayOrder = z.infer<typeof wechatPayOrderSchema>;

export const PaymentError = defineErrors({
  /** WeChat Pay is not configured on this server: bank transfer only. */
  WechatPayUnavailable: {
    code: 'PAYMENT_WECHAT_UNAVAILABLE',
    status: 409,
    message: '暂未开通微信支付，请通过对公转账缴费（转账时在附言中填写汇款识别码）',
  },
  /** WeChat Pay could not be reached or refused our call; nothing was charged. */
  WechatPayFailed: {
    code: 'PAYMENT_WECHAT_FAILED',
    status: 502,
    message: '微信支付暂时无法处理，请稍后重试；如已扣款，款项会在确认后自动入账',
  },
  /** Refunds are for WeChat payments that succeeded; a bank transfer is returned by the bank. */
  NotRefundable: {
    code: 'PAYMENT_NOT_REFUNDABLE',
    status: 409,
    message: '只有已到账的微信支付可以在线退款；对公转账请通过银行退回并作废或调整账单',
  },
  /** A refund above what is left of the payment. */
  RefundTooLarge: {
    code: 'PAYMENT_REFUND_TOO_LARGE',
    status: 409,
    message: '退款金额超过该笔支付尚可退还的金额',
  },
  /** A bank reference (流水号) is credited once, ever. */
  BankReferenceUsed: {
    code: 'PAYMENT_BANK_REFERENCE_USED',
    status: 409,
    message: '该银行流水号已入账，同一笔转账不能重复记录',
  },
});

export const PAYMENTS_AUDIT_ACTIONS = defineAuditActions({
  'payment.recorded': '登记到账',
  'payment.succeeded': '微信支付到账',
  'payment.refund_requested': '发起退款',
  'payment.refunded': '退款成功',
});
