import { z } from 'zod';

/**
 * The control API of the local WeChat stand-in (development and tests only, at /__wechat/__standin).
 * A browser has no wx.login, so the H5 build logs in as a demo persona whose codes come from here.
 */
export const standinPersonaSchema = z.object({
  key: z.string(),
  label: z.string(),
  displayName: z.string(),
  openid: z.string(),
  phone: z.string(),
});
export type StandinPersona = z.infer<typeof standinPersonaSchema>;

export const standinPersonasResponseSchema = z.object({ personas: z.array(standinPersonaSchema) });
export type StandinPersonasResponse = z.infer<typeof standinPersonasResponseSchema>;

export const standinCodeResponseSchema = z.object({ code: z.string().min(1) });
export type StandinCodeResponse = z.infer<typeof standinCodeResponseSchema>;

/**
 * The control API of the local WeChat Pay stand-in (development and tests only, at /__wechatpay):
 * it plays the payer of a JSAPI order and decides what WeChat Pay notifies.
 */
export const WECHATPAY_STANDIN_NOTIFY = ['once', 'none', 'twice'] as const;

/** `POST /__wechatpay/pay`: the payer pays (or fails to pay) the order of `prepayId`. */
export const wechatPayStandinPayRequestSchema = z.strictObject({
  prepayId: z.string().min(1),
  outcome: z.enum(['success', 'fail']),
  /** TRANSACTION.SUCCESS posted once, not at all, or twice at once (the same id); only on success. */
  notify: z.enum(WECHATPAY_STANDIN_NOTIFY).default('once'),
});
export type WechatPayStandinPayRequest = z.input<typeof wechatPayStandinPayRequestSchema>;

export const wechatPayStandinPayResponseSchema = z.object({
  outTradeNo: z.string(),
  tradeState: z.enum(['SUCCESS', 'PAYERROR']),
  transactionId: z.string().nullable(),
  /** The notification's id, when one is sent. */
  notificationId: z.string().nullable(),
});
export type WechatPayStandinPayResponse = z.infer<typeof wechatPayStandinPayResponseSchema>;

/**
 * `PUT /__wechatpay/refund-behaviour`: what becomes of the refunds asked for from now on — they
 * succeed (the default) or turn ABNORMAL after `delayMs`, or stay PROCESSING; REFUND.* is posted
 * once, not at all, or twice.
 */
export const wechatPayStandinRefundBehaviourSchema = z.strictObject({
  outcome: z.enum(['success', 'abnormal', 'processing']),
  notify: z.enum(WECHATPAY_STANDIN_NOTIFY).default('once'),
  delayMs: z.number().int().min(0).max(60_000).default(100),
});
export type WechatPayStandinRefundBehaviour = z.input<typeof wechatPayStandinRefundBehaviourSchema>;

/** A notification the stand-in posted: the HTTP status of each attempt (0: no answer). */
export const wechatPayStandinDeliverySchema = z.object({
  id: z.string(),
  eventType: z.string(),
  /** The order's out_trade_no or the refund's out_refund_no. */
  subject: z.string(),
  url: z.string(),
  attempts: z.array(z.number().int()),
});
export type WechatPayStandinDelivery = z.infer<typeof wechatPayStandinDeliverySchema>;

/** `GET /__wechatpay/notifications`, oldest first. */
export const wechatPayStandinDeliveriesResponseSchema = z.object({
  deliveries: z.array(wechatPayStandinDeliverySchema),
});
export type WechatPayStandinDeliveriesResponse = z.infer<typeof wechatPayStandinDeliveriesResponseSchema>;

/** The WeChat Pay APIs the stand-in serves, as faults name them. */
export const WECHATPAY_STANDIN_APIS = [
  'jsapi',
  'query_order',
  'close_order',
  'refund',
  'query_refund',
] as const;

/**
 * `POST /__wechatpay/faults` (`DELETE` clears them): the next `times` calls of `api` wait `delayMs`,
 * then, with `status`, are refused with it and `code` (signed, as WeChat Pay's errors are).
 */
export const wechatPayStandinFaultSchema = z
  .strictObject({
    api: z.enum(WECHATPAY_STANDIN_APIS),
    status: z.number().int().min(400).max(599).optional(),
    code: z.string().min(1).default('SYSTEM_ERROR'),
    message: z.string().min(1).default('系统错误，请稍后重试'),
    delayMs: z.number().int().min(0).max(60_000).default(0),
    times: z.number().int().min(1).max(1000).default(1),
  })
  .refine((fault) => fault.status !== undefined || fault.delayMs > 0, 'give status or delayMs');
export type WechatPayStandinFault = z.input<typeof wechatPayStandinFaultSchema>;
