import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import type { WechatRefundStatus, WechatTradeState } from '../wechatpay.types';
import { rfc3339Beijing } from '../wechatpay-crypto';
import { STANDIN_MCHID } from './standin-keys';

/**
 * The stand-in's book of JSAPI orders and refunds, with WeChat Pay's rules: what it refuses, with
 * which HTTP status and code, and what it answers, in WeChat Pay's shapes. In memory: a development
 * tool, never a production dependency.
 */

/** WeChat Pay's refusal: an HTTP status with `{ code, message }`. */
export class WechatPayRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const paramError = (message: string) => new WechatPayRefusal(400, 'PARAM_ERROR', message);

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;

export const jsapiBodySchema = z.object({
  appid: z.string().min(1).max(32),
  mchid: z.string().min(1).max(32),
  description: z.string().min(1).max(127),
  out_trade_no: z.string().regex(/^[0-9A-Za-z_\-|*]{6,32}$/, 'out_trade_no: 6-32 letters, digits, _-|*'),
  time_expire: z.string().regex(RFC3339, 'time_expire: RFC 3339').optional(),
  attach: z.string().max(128).optional(),
  notify_url: z.url({ protocol: /^https?$/ }).max(255),
  amount: z.object({ total: z.number().int(), currency: z.literal('CNY').optional() }),
  payer: z.object({ openid: z.string().min(1).max(128) }),
});

export const refundBodySchema = z.object({
  out_trade_no: z.string().min(1).max(32),
  out_refund_no: z.string().regex(/^[0-9A-Za-z_\-|*@]{1,64}$/, 'out_refund_no: 1-64 letters, digits, _-|*@'),
  reason: z.string().max(80).optional(),
  notify_url: z
    .url({ protocol: /^https?$/ })
    .max(256)
    .optional(),
  amount: z.object({ refund: z.number().int(), total: z.number().int(), currency: z.literal('CNY') }),
});

export interface StandinOrder {
  outTradeNo: string;
  appid: string;
  description: string;
  totalFen: number;
  openid: string;
  notifyUrl: string;
  /** ms since the epoch, or null: WeChat Pay's default of two hours applies to paying only. */
  expiresAt: number | null;
  /** The order's parameters as first asked, to tell a retry from a different order. */
  request: string;
  prepayId: string;
  tradeState: WechatTradeState;
  transactionId: string | null;
  successTime: string | null;
}

export interface StandinRefund {
  outRefundNo: string;
  outTradeNo: string;
  refundId: string;
  refundFen: number;
  notifyUrl: string | null;
  request: string;
  status: WechatRefundStatus;
  createTime: string;
  successTime: string | null;
}

const TRADE_STATE_DESC: Record<WechatTradeState, string> = {
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  NOTPAY: '未支付',
  CLOSED: '已关闭',
  REVOKED: '已撤销',
  USERPAYING: '用户支付中',
  PAYERROR: '支付失败，请重新下单支付',
};

function digits(count: number): string {
  return Array.from({ length: count }, () => randomInt(10)).join('');
}

export class StandinLedger {
  private readonly orders = new Map<string, StandinOrder>();
  private readonly byPrepayId = new Map<string, StandinOrder>();
  private readonly refunds = new Map<string, StandinRefund>();

  constructor(private readonly appid: string) {}

  jsapi(headerMchid: string, body: z.infer<typeof jsapiBodySchema>, nowMs = Date.now()): StandinOrder {
    if (body.mchid !== headerMchid) throw paramError('请求体中的 mchid 与请求签名的商户号不一致');
    if (body.mchid !== STANDIN_MCHID) throw new WechatPayRefusal(400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (body.appid !== this.appid)
      throw new WechatPayRefusal(400, 'APPID_MCHID_NOT_MATCH', 'appid 和 mch_id 不匹配');
    if (body.amount.total <= 0) throw paramError('amount.total 应为大于 0 的整数（分）');
    const expiresAt = body.time_expire === undefined ? null : Date.parse(body.time_expire);
    if (expiresAt !== null && Number.isNaN(expiresAt)) throw paramError('time_expire 格式错误');
    if (expiresAt !== null && expiresAt <= nowMs) throw paramError('time_expire 不能早于当前时间');
    const request = JSON.stringify([
      body.appid,
      body.description,
      body.amount.total,
      body.payer.openid,
      body.time_expire,
      body.notify_url,
    ]);
    const known = this.orders.get(body.out_trade_no);
    if (known) {
      if (known.tradeState === 'SUCCESS' || known.tradeState === 'REFUND') {
        throw new WechatPayRefusal(400, 'ORDERPAID', '该订单已支付');
      }
      if (known.tradeState === 'CLOSED') throw new WechatPayRefusal(400, 'ORDER_CLOSED', '订单已关闭');
      if (known.request !== request) throw new WechatPayRefusal(400, 'INVALID_REQUEST', '201 商户订单号重复');
      return known;
    }
    const order: StandinOrder = {
      outTradeNo: body.out_trade_no,
      appid: body.appid,
      description: body.description,
      totalFen: body.amount.total,
      openid: body.payer.openid,
      notifyUrl: body.notify_url,
      expiresAt,
      request,
      prepayId: `wx${digits(14)}${randomBytes(8).toString('hex')}`,
      tradeState: 'NOTPAY',
      transactionId: null,
      successTime: null,
    };
    this.orders.set(order.outTradeNo, order);
    this.byPrepayId.set(order.prepayId, order);
    return order;
  }

  order(outTradeNo: string): StandinOrder {
    const order = this.orders.get(outTradeNo);
    if (!order) throw new WechatPayRefusal(404, 'ORDER_NOT_EXIST', '订单不存在');
    return order;
  }

  close(outTradeNo: string): void {
    const order = this.order(outTradeNo);
    if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') {
      throw new WechatPayRefusal(400, 'ORDERPAID', '订单已支付，不能关闭');
    }
    order.tradeState = 'CLOSED';
  }

  /** The payer's part: null when no order has this prepay_id; a reason when it cannot be paid. */
  pay(prepayId: string, outcome: 'success' | 'fail', nowMs = Date.now()): StandinOrder | string | null {
    const order = this.byPrepayId.get(prepayId);
    if (!order) return null;
    if (order.tradeState !== 'NOTPAY') return `the order is ${order.tradeState}, not NOTPAY`;
    if (order.expiresAt !== null && order.expiresAt <= nowMs) return 'the order expired (time_expire)';
    if (outcome === 'fail') {
      order.tradeState = 'PAYERROR';
      return order;
    }
    order.tradeState = 'SUCCESS';
    order.transactionId = `4200${digits(24)}`;
    order.successTime = rfc3339Beijing(new Date(nowMs));
    return order;
  }

  /** A new refund, or the one already asked for with this out_refund_no and the same parameters. */
  refund(body: z.infer<typeof refundBodySchema>, nowMs = Date.now()): StandinRefund {
    const order = this.orders.get(body.out_trade_no);
    if (!order) throw new WechatPayRefusal(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const request = JSON.stringify([body.out_trade_no, body.amount.refund, body.amount.total]);
    const known = this.refunds.get(body.out_refund_no);
    if (known) {
      if (known.request !== request) {
        throw new WechatPayRefusal(400, 'INVALID_REQUEST', '退款单号已存在，且请求参数与首次请求不一致');
      }
      return known;
    }
    if (order.tradeState !== 'SUCCESS' && order.tradeState !== 'REFUND') {
      throw new WechatPayRefusal(400, 'INVALID_REQUEST', '订单未支付，不能退款');
    }
    if (body.amount.total !== order.totalFen) throw paramError('amount.total 与订单金额不一致');
    if (body.amount.refund <= 0) throw paramError('amount.refund 应为大于 0 的整数（分）');
    if (body.amount.refund > order.totalFen - this.refundedOrPending(order.outTradeNo)) {
      throw new WechatPayRefusal(400, 'NOT_ENOUGH', '申请退款金额超过订单可退金额');
    }
    const refund: StandinRefund = {
      outRefundNo: body.out_refund_no,
      outTradeNo: order.outTradeNo,
      refundId: `5030${digits(25)}`,
      refundFen: body.amount.refund,
      notifyUrl: body.notify_url ?? null,
      request,
      status: 'PROCESSING',
      createTime: rfc3339Beijing(new Date(nowMs)),
      successTime: null,
    };
    this.refunds.set(refund.outRefundNo, refund);
    return refund;
  }

  findRefund(outRefundNo: string): StandinRefund | undefined {
    return this.refunds.get(outRefundNo);
  }

  refundOf(outRefundNo: string): StandinRefund {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) throw new WechatPayRefusal(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    return refund;
  }

  /** WeChat Pay's bank answered: the refund succeeded (the order turns REFUND) or was refused. */
  settleRefund(refund: StandinRefund, status: 'SUCCESS' | 'ABNORMAL', nowMs = Date.now()): void {
    refund.status = status;
    if (status !== 'SUCCESS') return;
    refund.successTime = rfc3339Beijing(new Date(nowMs));
    this.order(refund.outTradeNo).tradeState = 'REFUND';
  }

  private refundedOrPending(outTradeNo: string): number {
    let sum = 0;
    for (const refund of this.refunds.values()) {
      if (
        refund.outTradeNo === outTradeNo &&
        (refund.status === 'SUCCESS' || refund.status === 'PROCESSING')
      ) {
        sum += refund.refundFen;
      }
    }
    return sum;
  }
}

/** A transaction as WeChat Pay answers a query and encrypts it in TRANSACTION.SUCCESS. */
export function transactionJson(order: StandinOrder): Record<string, unknown> {
  const paid = order.transactionId !== null;
  return {
    appid: order.appid,
    mchid: STANDIN_MCHID,
    out_trade_no: order.outTradeNo,
    ...(paid && { transaction_id: order.transactionId, bank_type: 'OTHERS' }),
    trade_type: 'JSAPI',
    trade_state: order.tradeState,
    trade_state_desc: TRADE_STATE_DESC[order.tradeState],
    attach: '',
    ...(order.successTime && { success_time: order.successTime }),
    payer: { openid: order.openid },
    amount: {
      total: order.totalFen,
      ...(paid && { payer_total: order.totalFen }),
      currency: 'CNY',
      payer_currency: 'CNY',
    },
  };
}

/** A refund as WeChat Pay answers it. */
export function refundJson(refund: StandinRefund, order: StandinOrder): Record<string, unknown> {
  return {
    refund_id: refund.refundId,
    out_refund_no: refund.outRefundNo,
    transaction_id: order.transactionId,
    out_trade_no: refund.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(refund.successTime && { success_time: refund.successTime }),
    create_time: refund.createTime,
    status: refund.status,
    funds_account: 'AVAILABLE',
    amount: {
      total: order.totalFen,
      refund: refund.refundFen,
      payer_total: order.totalFen,
      payer_refund: refund.refundFen,
      settlement_total: order.totalFen,
      settlement_refund: refund.refundFen,
      discount_refund: 0,
      currency: 'CNY',
    },
    promotion_detail: [],
  };
}

/** A refund as WeChat Pay encrypts it in REFUND.* (`refund_status`, not `status`). */
export function refundNotificationJson(refund: StandinRefund, order: StandinOrder): Record<string, unknown> {
  return {
    mchid: STANDIN_MCHID,
    out_trade_no: refund.outTradeNo,
    transaction_id: order.transactionId,
    out_refund_no: refund.outRefundNo,
    refund_id: refund.refundId,
    refund_status: refund.status,
    ...(refund.successTime && { success_time: refund.successTime }),
    user_received_account: '支付用户零钱',
    amount: {
      total: order.totalFen,
      refund: refund.refundFen,
      payer_total: order.totalFen,
      payer_refund: refund.refundFen,
    },
  };
}
