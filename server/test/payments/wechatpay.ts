import { randomBytes } from 'node:crypto';
import { type AppConfig, STANDIN_APPID } from '../../src/config/config';
import { wechatPayConfig } from '../../src/config/wechatpay-config';
import { STANDIN_MCHID, newRsaKeyPair, standinWechatPayKeys } from '../../src/wechatpay/standin/standin-keys';
import { aesGcmEncrypt, nonce, platformHeaders, rfc3339Beijing } from '../../src/wechatpay/wechatpay-crypto';
import { type AuthEnv, startAuthEnv } from '../support/auth-env';

/** A test configuration with WeChat Pay played by the development stand-in the server serves (`/__wechatpay`). */
export function withWechatPay(config: AppConfig): AppConfig {
  return {
    ...config,
    wechatpay: wechatPayConfig(
      {},
      {
        env: 'development',
        port: 0,
        appid: STANDIN_APPID,
        publicUrl: undefined,
        timeoutMs: 5000,
        wechatStandin: true,
      },
      [],
    ),
  };
}

/** The server with WeChat Pay played by its stand-in. */
export function startPayEnv(): Promise<AuthEnv> {
  return startAuthEnv(withWechatPay);
}

/** What WeChat Pay encrypts in a TRANSACTION.SUCCESS notification. */
export function paidResource(outTradeNo: string, totalFen: number, openid = 'o_payer') {
  return {
    appid: STANDIN_APPID,
    mchid: STANDIN_MCHID,
    out_trade_no: outTradeNo,
    transaction_id: `4200${Date.now()}${randomBytes(4).readUInt32BE()}`,
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    success_time: rfc3339Beijing(new Date()),
    payer: { openid },
    amount: { total: totalFen, payer_total: totalFen, currency: 'CNY', payer_currency: 'CNY' },
  };
}

export interface Forgery {
  /** Sign with a key that is not WeChat Pay's. */
  otherSigningKey?: boolean;
  /** Encrypt with an APIv3 key that is not ours. */
  otherApiV3Key?: boolean;
  /** Change the body after it was signed. */
  tamper?: boolean;
  /** Sign it this many seconds ago. */
  ageSeconds?: number;
}

/** A notification as WeChat Pay sends it: the envelope, its resource encrypted, the body signed. */
export function notification(
  eventType: string,
  resource: object,
  forgery: Forgery = {},
): { headers: Record<string, string>; body: string } {
  const keys = standinWechatPayKeys();
  const resourceNonce = nonce().slice(0, 12);
  const associatedData = eventType.startsWith('REFUND.') ? 'refund' : 'transaction';
  const apiV3Key = forgery.otherApiV3Key ? randomBytes(16).toString('hex') : keys.apiV3Key;
  const body = JSON.stringify({
    id: `EV-${randomBytes(8).toString('hex')}`,
    create_time: rfc3339Beijing(new Date()),
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: '通知',
    resource: {
      original_type: associatedData,
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: aesGcmEncrypt(apiV3Key, resourceNonce, associatedData, JSON.stringify(resource)),
      associated_data: associatedData,
      nonce: resourceNonce,
    },
  });
  const privateKey = forgery.otherSigningKey ? newRsaKeyPair().privateKey : keys.platform.privateKey;
  const headers = platformHeaders(
    { publicKeyId: keys.platform.publicKeyId, privateKey },
    body,
    Math.floor(Date.now() / 1000) - (forgery.ageSeconds ?? 0),
  );
  return { headers, body: forgery.tamper ? body.replace('"summary":"通知"', '"summary":"通知 "') : body };
}

/** Posts a notification to our notify route as WeChat Pay would. */
export function deliver(env: AuthEnv, sent: { headers: Record<string, string>; body: string }) {
  return env.server.get('/api/payments/wechat/notify', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...sent.headers },
    body: sent.body,
  });
}

/** The prepay_id inside `requestPayment.package` (`prepay_id=…`). */
export function prepayIdOf(order: { requestPayment: { package: string } }): string {
  return order.requestPayment.package.replace(/^prepay_id=/, '');
}

/** The stand-in plays the payer: pays (or fails to pay) the order, notifying once, never or twice. */
export async function payAtStandin(
  env: AuthEnv,
  prepayId: string,
  outcome: 'success' | 'fail' = 'success',
  notify: 'once' | 'none' | 'twice' = 'once',
): Promise<{ outTradeNo: string; tradeState: string; transactionId: string | null }> {
  const res = await env.server.get('/__wechatpay/pay', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prepayId, outcome, notify }),
  });
  if (res.status !== 200) throw new Error(`pay answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { outTradeNo: string; tradeState: string; transactionId: string | null };
}

/** What becomes of refunds asked for from now on at the stand-in. */
export async function refundBehaviour(
  env: AuthEnv,
  behaviour: {
    outcome: 'success' | 'abnormal' | 'processing';
    notify?: 'once' | 'none' | 'twice';
    delayMs?: number;
  },
): Promise<void> {
  const res = await env.server.get('/__wechatpay/refund-behaviour', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(behaviour),
  });
  if (res.status >= 300) throw new Error(`refund-behaviour answered ${res.status}`);
}

/** The notifications the stand-in posted about one order or refund, with each attempt's status. */
export async function deliveriesAbout(
  env: AuthEnv,
  subject: string,
): Promise<{ eventType: string; attempts: number[] }[]> {
  const res = await env.server.get('/__wechatpay/notifications');
  const { deliveries } = res.body as {
    deliveries: { subject: string; eventType: string; attempts: number[] }[];
  };
  return deliveries.filter((d) => d.subject === subject);
}

/** Waits (up to 5 s) until `check` holds. */
export async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not reached within 5 s');
}
