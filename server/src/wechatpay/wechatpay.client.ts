import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RequestPaymentParams } from '@itss/shared';
import { z } from 'zod';
import type { WechatPayConfig } from '../config/wechatpay-config';
import {
  aesGcmDecrypt,
  nonce,
  rfc3339Beijing,
  rsaSign,
  signedText,
  unixSeconds,
  verifyPlatformSignature,
} from './wechatpay-crypto';
import { WechatPayHttp, type WechatPayReply } from './wechatpay-http';
import {
  WechatPayApi,
  WechatPayCallError,
  type WechatPayNotification,
  type WechatPayRefund,
  type WechatPayTransaction,
  WechatPayVerifyError,
} from './wechatpay.types';

/** Injection token of the WechatPayConfig the client runs with; null when WeChat Pay is off. */
export const WECHATPAY_CONFIG = Symbol('WECHATPAY_CONFIG');

const TRADE_STATES = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR'] as const;
const REFUND_STATUSES = ['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL'] as const;

/** A transaction as WeChat Pay answers a query and encrypts a TRANSACTION.* notification. */
const transactionSchema = z.object({
  appid: z.string(),
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  trade_state: z.enum(TRADE_STATES),
  success_time: z.string().optional(),
  payer: z.object({ openid: z.string().optional() }).optional(),
  // Absent before payment on some orders; always there once paid.
  amount: z.object({ total: z.number().int().optional() }).optional(),
});

/** A refund as WeChat Pay answers it (`status`) and encrypts it in REFUND.* (`refund_status`). */
const refundSchema = z.object({
  out_refund_no: z.string(),
  out_trade_no: z.string(),
  refund_id: z.string().optional(),
  status: z.enum(REFUND_STATUSES).optional(),
  refund_status: z.enum(REFUND_STATUSES).optional(),
  success_time: z.string().optional(),
  mchid: z.string().optional(),
  amount: z.object({ refund: z.number().int() }),
});

const prepaySchema = z.object({ prepay_id: z.string().min(1) });

const envelopeSchema = z.object({
  id: z.string().min(1),
  event_type: z.string().min(1),
  resource_type: z.literal('encrypt-resource'),
  resource: z.object({
    algorithm: z.literal('AEAD_AES_256_GCM'),
    ciphertext: z.string().min(1),
    associated_data: z.string().optional(),
    nonce: z.string().min(1),
  }),
});

const NOT_FOUND = 404;

/** WeChat Pay refuses a description longer than 127 characters: a long bill name is cut, not refused. */
const DESCRIPTION_MAX = 127;

function toTransaction(t: z.infer<typeof transactionSchema>): WechatPayTransaction {
  return {
    outTradeNo: t.out_trade_no,
    transactionId: t.transaction_id ?? null,
    tradeState: t.trade_state,
    amountFen: t.amount?.total ?? 0,
    payerOpenid: t.payer?.openid ?? null,
    successTime: t.success_time ?? null,
  };
}

function toRefund(r: z.infer<typeof refundSchema>): WechatPayRefund {
  const status = r.status ?? r.refund_status;
  if (!status) throw new WechatPayVerifyError('refund without a status');
  return {
    outRefundNo: r.out_refund_no,
    outTradeNo: r.out_trade_no,
    refundId: r.refund_id ?? null,
    status,
    refundFen: r.amount.refund,
    successTime: r.success_time ?? null,
  };
}

/**
 * WeChat Pay API v3 over HTTP (JSAPI), against WeChat Pay or the local stand-in: every request
 * signed with the merchant key, every answer and notification verified with WeChat Pay's public
 * key before it is believed. Node's own crypto, no SDK: the few primitives are shared with the
 * stand-in, and the calls go through the same fetch, timeout and logging as WeChat's.
 */
@Injectable()
export class WechatPayClient extends WechatPayApi {
  private readonly logger = new Logger(WechatPayClient.name);
  private readonly http: WechatPayHttp | null;

  constructor(@Inject(WECHATPAY_CONFIG) private readonly config: WechatPayConfig | null) {
    super();
    this.http = config && new WechatPayHttp(config, this.logger);
  }

  get enabled(): boolean {
    return this.config !== null;
  }

  async jsapiOrder(input: {
    outTradeNo: string;
    description: string;
    amountFen: number;
    openid: string;
    expiresAt: Date;
  }): Promise<{ prepayId: string }> {
    const { config, http } = this.on();
    const reply = await http.call('jsapi', 'POST', '/v3/pay/transactions/jsapi', {
      appid: config.appid,
      mchid: config.mchid,
      description: [...input.description].slice(0, DESCRIPTION_MAX).join(''),
      out_trade_no: input.outTradeNo,
      time_expire: rfc3339Beijing(input.expiresAt),
      notify_url: config.notifyUrl,
      amount: { total: input.amountFen, currency: 'CNY' },
      payer: { openid: input.openid },
    });
    return { prepayId: http.read('jsapi', reply, prepaySchema).prepay_id };
  }

  requestPaymentParams(prepayId: string): RequestPaymentParams {
    const { config } = this.on();
    const timeStamp = String(unixSeconds());
    const nonceStr = nonce();
    const pkg = `prepay_id=${prepayId}`;
    const paySign = rsaSign(signedText(config.appid, timeStamp, nonceStr, pkg), config.merchantPrivateKey);
    return { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
  }

  async queryOrder(outTradeNo: string): Promise<WechatPayTransaction | null> {
    const { config, http } = this.on();
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${config.mchid}`;
    try {
      const reply = await http.call('query_order', 'GET', path);
      return toTransaction(http.read('query_order', reply, transactionSchema));
    } catch (error) {
      if (
        error instanceof WechatPayCallError &&
        error.status === NOT_FOUND &&
        error.code === 'ORDER_NOT_EXIST'
      ) {
        return null;
      }
      throw error;
    }
  }

  async closeOrder(outTradeNo: string): Promise<void> {
    const { config, http } = this.on();
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`;
    await http.call('close_order', 'POST', path, { mchid: config.mchid });
  }

  async refund(input: {
    outTradeNo: string;
    outRefundNo: string;
    reason: string;
    refundFen: number;
    totalFen: number;
  }): Promise<WechatPayRefund> {
    const { config, http } = this.on();
    const reply = await http.call('refund', 'POST', '/v3/refund/domestic/refunds', {
      out_trade_no: input.outTradeNo,
      out_refund_no: input.outRefundNo,
      reason: input.reason,
      notify_url: config.notifyUrl,
      amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
    });
    return this.readRefund('refund', http, reply);
  }

  async queryRefund(outRefundNo: string): Promise<WechatPayRefund | null> {
    const { http } = this.on();
    try {
      const reply = await http.call(
        'query_refund',
        'GET',
        `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`,
      );
      return this.readRefund('query_refund', http, reply);
    } catch (error) {
      if (
        error instanceof WechatPayCallError &&
        error.status === NOT_FOUND &&
        error.code === 'RESOURCE_NOT_EXISTS'
      ) {
        return null;
      }
      throw error;
    }
  }

  parseNotification(
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
  ): WechatPayNotification {
    const config = this.config;
    if (!config) throw new WechatPayVerifyError('WeChat Pay is not configured');
    verifyPlatformSignature(headers, rawBody, {
      publicKeyId: config.platformPublicKeyId,
      publicKey: config.platformPublicKey,
    });
    const envelope = envelopeSchema.safeParse(parseJson(rawBody));
    if (!envelope.success) throw new WechatPayVerifyError('not a WeChat Pay notification envelope');
    const { id, event_type: eventType, resource } = envelope.data;
    const plain = parseJson(
      aesGcmDecrypt(config.apiV3Key, resource.nonce, resource.associated_data ?? '', resource.ciphertext),
    );
    if (eventType.startsWith('TRANSACTION.')) {
      const transaction = transactionSchema.safeParse(plain);
      if (!transaction.success) throw new WechatPayVerifyError('transaction resource of unexpected shape');
      // Encrypted with our key, yet for another merchant or app: not ours to act on.
      if (transaction.data.mchid !== config.mchid || transaction.data.appid !== config.appid) {
        throw new WechatPayVerifyError('transaction of another merchant or appid');
      }
      return { id, eventType, transaction: toTransaction(transaction.data), refund: null };
    }
    if (eventType.startsWith('REFUND.')) {
      const refund = refundSchema.safeParse(plain);
      if (!refund.success) throw new WechatPayVerifyError('refund resource of unexpected shape');
      if (refund.data.mchid !== undefined && refund.data.mchid !== config.mchid) {
        throw new WechatPayVerifyError('refund of another merchant');
      }
      return { id, eventType, transaction: null, refund: toRefund(refund.data) };
    }
    return { id, eventType, transaction: null, refund: null };
  }

  private readRefund(api: 'refund' | 'query_refund', http: WechatPayHttp, reply: WechatPayReply) {
    const refund = http.read(api, reply, refundSchema);
    if (!refund.status) {
      throw new WechatPayCallError(reply.status, 'ANSWER_MALFORMED', 'a refund answered without its status');
    }
    return toRefund(refund);
  }

  /** The configuration and HTTP of an enabled client; callers check `enabled` first. */
  private on(): { config: WechatPayConfig; http: WechatPayHttp } {
    if (!this.config || !this.http) {
      throw new WechatPayCallError(0, 'NOT_CONFIGURED', 'WeChat Pay is not configured (WECHATPAY_MCHID)');
    }
    return { config: this.config, http: this.http };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WechatPayVerifyError('not JSON');
  }
}
