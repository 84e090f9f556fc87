import type { RequestPaymentParams } from '@itss/shared';

/**
 * WeChat Pay API v3 as the payments feature uses it (JSAPI orders, queries, closing, refunds and
 * notifications). `WechatPayClient` implements it over HTTP, against WeChat Pay or the local
 * stand-in at `/__wechatpay`; the shapes are WeChat Pay's own, renamed to our words.
 */
export type WechatTradeState =
  'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';
export type WechatRefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

export interface WechatPayTransaction {
  outTradeNo: string;
  transactionId: string | null;
  tradeState: WechatTradeState;
  /** `amount.total`, fen. */
  amountFen: number;
  payerOpenid: string | null;
  /** RFC 3339, once paid. */
  successTime: string | null;
}

export interface WechatPayRefund {
  outRefundNo: string;
  outTradeNo: string;
  refundId: string | null;
  status: WechatRefundStatus;
  /** `amount.refund`, fen. */
  refundFen: number;
  successTime: string | null;
}

/** A verified, decrypted notification (`TRANSACTION.SUCCESS`, `REFUND.SUCCESS`, …). */
export interface WechatPayNotification {
  id: string;
  eventType: string;
  transaction: WechatPayTransaction | null;
  refund: WechatPayRefund | null;
}

export abstract class WechatPayApi {
  /** Configured (WECHATPAY_MCHID), or the stand-in in development. */
  abstract readonly enabled: boolean;
  /** POST /v3/pay/transactions/jsapi. */
  abstract jsapiOrder(input: {
    outTradeNo: string;
    description: string;
    amountFen: number;
    openid: string;
    expiresAt: Date;
  }): Promise<{ prepayId: string }>;
  /** What `requestPayment` takes, signed with the merchant key (appId, timeStamp, nonceStr, package). */
  abstract requestPaymentParams(prepayId: string): RequestPaymentParams;
  /** GET /v3/pay/transactions/out-trade-no/{no}; null when WeChat Pay knows no such order. */
  abstract queryOrder(outTradeNo: string): Promise<WechatPayTransaction | null>;
  /** POST /v3/pay/transactions/out-trade-no/{no}/close. */
  abstract closeOrder(outTradeNo: string): Promise<void>;
  /** POST /v3/refund/domestic/refunds (the same outRefundNo when retried). */
  abstract refund(input: {
    outTradeNo: string;
    outRefundNo: string;
    reason: string;
    refundFen: number;
    totalFen: number;
  }): Promise<WechatPayRefund>;
  /** GET /v3/refund/domestic/refunds/{out_refund_no}; null when unknown. */
  abstract queryRefund(outRefundNo: string): Promise<WechatPayRefund | null>;
  /**
   * Verifies `Wechatpay-Signature` (with WeChat Pay's public key, its serial matching
   * `WECHATPAY_PUBLIC_KEY_ID`, a timestamp within 5 minutes) over the raw body, then decrypts
   * `resource` (AEAD_AES_256_GCM with the APIv3 key). Throws `WechatPayVerifyError` otherwise.
   */
  abstract parseNotification(
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
  ): WechatPayNotification;
}

/** A notification whose signature, timestamp or encryption does not verify. */
export class WechatPayVerifyError extends Error {}

/** WeChat Pay answered an error (its `code` and `message`), or could not be reached. */
export class WechatPayCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
