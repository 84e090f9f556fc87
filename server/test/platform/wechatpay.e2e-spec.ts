import { createPublicKey, createVerify } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  WechatPayStandinDeliveriesResponse,
  WechatPayStandinPayRequest,
  WechatPayStandinPayResponse,
} from '@itss/shared';
import { Logger } from '@nestjs/common';
import { loadConfig } from '../../src/config/config';
import type { WechatPayConfig } from '../../src/config/wechatpay-config';
import type { ScratchDatabase } from '../../src/database/scratch-database';
import { craftNotification, signNotification } from '../../src/wechatpay/standin/notifications';
import { startWechatPayStandin } from '../../src/wechatpay/standin/standin';
import { newApiV3Key, newRsaKeyPair, standinWechatPayKeys } from '../../src/wechatpay/standin/standin-keys';
import { WechatPayClient } from '../../src/wechatpay/wechatpay.client';
import {
  WechatPayApi,
  WechatPayCallError,
  type WechatPayNotification,
  WechatPayVerifyError,
} from '../../src/wechatpay/wechatpay.types';
import { type TestServer, scratchDatabase, startServer, testConfig } from '../support/harness';

/** A merchant's notify URL: records what WeChat Pay posts and answers 204. */
class NotifyCatcher {
  readonly received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  private readonly server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      this.received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/payments/wechat/notify`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Waits for the count of notifications that have arrived so far to reach `count`. */
  async waitFor(count: number): Promise<void> {
    for (let i = 0; i < 100 && this.received.length < count; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(this.received.length).toBeGreaterThanOrEqual(count);
  }
}

async function rejection(promise: Promise<unknown>): Promise<WechatPayCallError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WechatPayCallError))
    throw new Error(`expected a WechatPayCallError, got ${String(error)}`);
  return error;
}

let sequence = 0;
/** A fresh out_trade_no / out_refund_no per order, as the payments feature makes them. */
const newNo = (prefix: string) => `${prefix}${Date.now()}${(sequence += 1)}`;
const inAnHour = () => new Date(Date.now() + 3600_000);

describe('WeChat Pay client against the stand-in the application serves in development', () => {
  let db: ScratchDatabase;
  let server: TestServer;
  let api: WechatPayApi;
  let config: WechatPayConfig;
  let catcher: NotifyCatcher;

  beforeAll(async () => {
    db = await scratchDatabase();
    const loaded = loadConfig({ NODE_ENV: 'development', PORT: '0' });
    if (!loaded.wechatpay) throw new Error('development without WECHATPAY_MCHID should use the stand-in');
    config = loaded.wechatpay;
    server = await startServer(
      testConfig(db.config, { env: 'development', wechat: loaded.wechat, wechatpay: config }),
    );
    api = server.app.get(WechatPayApi);
    catcher = new NotifyCatcher();
    // Notifications go to a catcher of ours: no payments route is needed to read what is sent.
    config.notifyUrl = await catcher.start();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterAll(async () => {
    await server.close();
    await catcher.close();
    await db.drop();
  });

  async function control<T>(
    method: string,
    path: string,
    body?: object,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${server.baseUrl}/__wechatpay${path}`, {
      method,
      ...(body && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  const pay = (request: WechatPayStandinPayRequest) =>
    control<WechatPayStandinPayResponse>('POST', '/pay', request);

  async function order(amountFen = 300_000) {
    const outTradeNo = newNo('D');
    const { prepayId } = await api.jsapiOrder({
      outTradeNo,
      description: '2026 年度会费',
      amountFen,
      openid: 'o-payer-openid',
      expiresAt: inAnHour(),
    });
    return { outTradeNo, prepayId };
  }

  it('is enabled, and serves the stand-in with a configuration of its own keys', () => {
    expect(api.enabled).toBe(true);
    expect(config.serveStandin).toBe(true);
    expect(config.apiBase).toBe(`${server.baseUrl}/__wechatpay`);
  });

  it('opens an order whose requestPayment parameters the merchant key signed', async () => {
    const { prepayId } = await order();
    expect(prepayId).toMatch(/^wx/);
    const params = api.requestPaymentParams(prepayId);
    expect(params).toMatchObject({ package: `prepay_id=${prepayId}`, signType: 'RSA' });
    expect(Math.abs(Number(params.timeStamp) - Date.now() / 1000)).toBeLessThan(5);
    const merchantPublicKey = createPublicKey(config.merchantPrivateKey);
    const signed = `${config.appid}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    const verify = (text: string) =>
      createVerify('RSA-SHA256').update(text).verify(merchantPublicKey, params.paySign, 'base64');
    expect(verify(signed)).toBe(true);
    expect(verify(signed.replace(params.nonceStr, 'another'))).toBe(false);
  });

  it('answers NOTPAY, then SUCCESS once the payer paid, and notifies once, signed and encrypted', async () => {
    const { outTradeNo, prepayId } = await order(300_000);
    expect(await api.queryOrder(outTradeNo)).toMatchObject({
      outTradeNo,
      tradeState: 'NOTPAY',
      transactionId: null,
    });
    const before = catcher.received.length;
    const paid = await pay({ prepayId, outcome: 'success' });
    expect(paid).toMatchObject({ status: 200, body: { outTradeNo, tradeState: 'SUCCESS' } });
    const transaction = await api.queryOrder(outTradeNo);
    expect(transaction).toMatchObject({
      outTradeNo,
      tradeState: 'SUCCESS',
      transactionId: paid.body.transactionId,
      amountFen: 300_000,
      payerOpenid: 'o-payer-openid',
    });
    expect(transaction?.successTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);

    await catcher.waitFor(before + 1);
    const delivered = catcher.received[before]!;
    const notification = api.parseNotification(delivered.headers, delivered.body);
    expect(notification).toEqual<WechatPayNotification>({
      id: paid.body.notificationId!,
      eventType: 'TRANSACTION.SUCCESS',
      transaction,
      refund: null,
    });
    expect(JSON.parse(delivered.body)).toMatchObject({
      resource_type: 'encrypt-resource',
      summary: '支付成功',
      resource: {
        algorithm: 'AEAD_AES_256_GCM',
        associated_data: 'transaction',
        original_type: 'transaction',
      },
    });
    // Once it is paid, the same out_trade_no cannot be ordered again.
    const again = await rejection(
      api.jsapiOrder({
        outTradeNo,
        description: '2026 年度会费',
        amountFen: 300_000,
        openid: 'o-payer-openid',
        expiresAt: inAnHour(),
      }),
    );
    expect(again).toMatchObject({ status: 400, code: 'ORDERPAID' });
  });

  it('sends the same notification twice when asked, and none for a failed payment or notify: none', async () => {
    await control('DELETE', '/notifications');
    const twice = await order();
    const { body } = await pay({ prepayId: twice.prepayId, outcome: 'success', notify: 'twice' });
    const silent = await order();
    await pay({ prepayId: silent.prepayId, outcome: 'success', notify: 'none' });
    const failed = await order();
    expect((await pay({ prepayId: failed.prepayId, outcome: 'fail' })).body).toMatchObject({
      tradeState: 'PAYERROR',
      notificationId: null,
    });
    expect(await api.queryOrder(failed.outTradeNo)).toMatchObject({ tradeState: 'PAYERROR' });
    expect(await api.queryOrder(silent.outTradeNo)).toMatchObject({ tradeState: 'SUCCESS' });
    for (let i = 0; i < 100; i += 1) {
      const { deliveries } = (await control<WechatPayStandinDeliveriesResponse>('GET', '/notifications'))
        .body;
      if (deliveries.every((d) => d.attempts.length > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { deliveries } = (await control<WechatPayStandinDeliveriesResponse>('GET', '/notifications')).body;
    expect(deliveries).toEqual([
      expect.objectContaining({ id: body.notificationId, subject: twice.outTradeNo, attempts: [204] }),
      expect.objectContaining({ id: body.notificationId, subject: twice.outTradeNo, attempts: [204] }),
    ]);
  });

  it('answers the same prepay_id to a repeated order, and refuses the same out_trade_no with other parameters', async () => {
    const input = {
      outTradeNo: newNo('R'),
      description: '会费',
      amountFen: 1000,
      openid: 'o-a',
      expiresAt: inAnHour(),
    };
    const first = await api.jsapiOrder(input);
    expect(await api.jsapiOrder(input)).toEqual(first);
    const changed = await rejection(api.jsapiOrder({ ...input, amountFen: 2000 }));
    expect(changed).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
  });

  it.each([
    ['a zero amount', { amountFen: 0 }],
    ['a negative amount', { amountFen: -1 }],
    ['a fractional amount', { amountFen: 1.5 }],
    ['an expiry in the past', { expiresAt: new Date(Date.now() - 60_000) }],
  ])('refuses an order with %s (400 PARAM_ERROR)', async (_case, change) => {
    const input = {
      outTradeNo: newNo('B'),
      description: '会费',
      amountFen: 1000,
      openid: 'o-a',
      expiresAt: inAnHour(),
    };
    expect(await rejection(api.jsapiOrder({ ...input, ...change }))).toMatchObject({
      status: 400,
      code: 'PARAM_ERROR',
    });
  });

  it('answers null for an order it does not know, and closes one so it cannot be paid', async () => {
    expect(await api.queryOrder(newNo('U'))).toBeNull();
    const { outTradeNo, prepayId } = await order();
    await api.closeOrder(outTradeNo);
    expect(await api.queryOrder(outTradeNo)).toMatchObject({ tradeState: 'CLOSED' });
    expect((await pay({ prepayId, outcome: 'success' })).status).toBe(409);
    expect(await rejection(api.closeOrder(newNo('U')))).toMatchObject({
      status: 404,
      code: 'ORDER_NOT_EXIST',
    });
  });

  it('refunds in part, answers the same refund to a retry, and reports it succeeded by query and notification', async () => {
    const { outTradeNo, prepayId } = await order(10_000);
    await pay({ prepayId, outcome: 'success', notify: 'none' });
    const before = catcher.received.length;
    const outRefundNo = newNo('F');
    const input = { outTradeNo, outRefundNo, reason: '多缴退还', refundFen: 4000, totalFen: 10_000 };
    const refund = await api.refund(input);
    expect(refund).toMatchObject({ outRefundNo, outTradeNo, status: 'PROCESSING', refundFen: 4000 });
    expect(await api.refund(input)).toMatchObject({ refundId: refund.refundId, refundFen: 4000 });
    expect(await rejection(api.refund({ ...input, refundFen: 5000 }))).toMatchObject({
      status: 400,
      code: 'INVALID_REQUEST',
    });
    // More than is left of the payment.
    expect(await rejection(api.refund({ ...input, outRefundNo: newNo('F'), refundFen: 6001 }))).toMatchObject(
      {
        status: 400,
        code: 'NOT_ENOUGH',
      },
    );

    await catcher.waitFor(before + 1);
    const settled = await api.queryRefund(outRefundNo);
    expect(settled).toMatchObject({ refundId: refund.refundId, status: 'SUCCESS', refundFen: 4000 });
    expect(settled?.successTime).toMatch(/\+08:00$/);
    expect(await api.queryOrder(outTradeNo)).toMatchObject({ tradeState: 'REFUND' });
    const delivered = catcher.received[before]!;
    expect(api.parseNotification(delivered.headers, delivered.body)).toMatchObject({
      eventType: 'REFUND.SUCCESS',
      transaction: null,
      refund: settled,
    });
    expect(await api.queryRefund(newNo('F'))).toBeNull();
  });

  it('refuses to refund an unpaid order', async () => {
    const { outTradeNo } = await order(1000);
    const input = { outTradeNo, outRefundNo: newNo('F'), reason: '退款', refundFen: 1000, totalFen: 1000 };
    expect(await rejection(api.refund(input))).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
  });

  it('is refused by WeChat Pay when it signs with a key the merchant did not register', async () => {
    const impostor = new WechatPayClient({ ...config, merchantPrivateKey: newRsaKeyPair().privateKey });
    expect(await rejection(impostor.queryOrder(newNo('U')))).toMatchObject({
      status: 401,
      code: 'SIGN_ERROR',
    });
  });

  it('refuses orders of another appid or merchant', async () => {
    const otherApp = new WechatPayClient({ ...config, appid: 'wxfedcba9876543210' });
    const input = {
      outTradeNo: newNo('A'),
      description: '会费',
      amountFen: 100,
      openid: 'o-a',
      expiresAt: inAnHour(),
    };
    expect(await rejection(otherApp.jsapiOrder(input))).toMatchObject({
      status: 400,
      code: 'APPID_MCHID_NOT_MATCH',
    });
    const otherMerchant = new WechatPayClient({ ...config, mchid: '1900000001' });
    expect(await rejection(otherMerchant.jsapiOrder(input))).toMatchObject({
      status: 401,
      code: 'SIGN_ERROR',
    });
  });

  it('believes no answer that another key signed', async () => {
    const deceived = new WechatPayClient({ ...config, platformPublicKey: newRsaKeyPair().publicKey });
    expect(await rejection(deceived.queryOrder(newNo('U')))).toMatchObject({ code: 'ANSWER_NOT_VERIFIED' });
  });

  it('plays the refund a bank refuses or has not answered yet, as the behaviour set says', async () => {
    const { outTradeNo, prepayId } = await order(5000);
    await pay({ prepayId, outcome: 'success', notify: 'none' });
    const before = catcher.received.length;
    const ask = (refundFen: number) =>
      api.refund({ outTradeNo, outRefundNo: newNo('F'), reason: '退款', refundFen, totalFen: 5000 });
    try {
      await control('PUT', '/refund-behaviour', { outcome: 'abnormal', delayMs: 0 });
      const abnormal = await ask(1000);
      await catcher.waitFor(before + 1);
      expect(await api.queryRefund(abnormal.outRefundNo)).toMatchObject({ status: 'ABNORMAL' });
      const delivered = catcher.received[before]!;
      expect(api.parseNotification(delivered.headers, delivered.body)).toMatchObject({
        eventType: 'REFUND.ABNORMAL',
        refund: { outRefundNo: abnormal.outRefundNo, status: 'ABNORMAL' },
      });
      await control('PUT', '/refund-behaviour', { outcome: 'processing' });
      const pending = await ask(1000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await api.queryRefund(pending.outRefundNo)).toMatchObject({ status: 'PROCESSING' });
      // A refund still processing counts against what is left; an abnormal one does not.
      expect(await rejection(ask(4001))).toMatchObject({ code: 'NOT_ENOUGH' });
    } finally {
      await control('PUT', '/refund-behaviour', { outcome: 'success' });
    }
  });

  it('plays WeChat Pay failing: a signed 5xx, and an answer too late for the timeout', async () => {
    expect(
      (await control('POST', '/faults', { api: 'query_order', status: 503, code: 'SYSTEM_ERROR' })).status,
    ).toBe(200);
    expect(await rejection(api.queryOrder(newNo('U')))).toMatchObject({ status: 503, code: 'SYSTEM_ERROR' });
    expect(await api.queryOrder(newNo('U'))).toBeNull();
    // On a stand-in of its own: the caller that gives up leaves a connection the server would wait for.
    const own = await startWechatPayStandin({ appid: config.appid });
    try {
      await fetch(`${own.url}/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api: 'jsapi', delayMs: 1000 }),
      });
      const impatient = new WechatPayClient({ ...config, apiBase: own.url, timeoutMs: 200 });
      const late = impatient.jsapiOrder({
        outTradeNo: newNo('T'),
        description: '会费',
        amountFen: 100,
        openid: 'o-a',
        expiresAt: inAnHour(),
      });
      expect(await rejection(late)).toMatchObject({ status: 0, code: 'NETWORK_FAILURE' });
    } finally {
      await own.close();
    }
    expect((await control('POST', '/faults', { api: 'refund' })).status).toBe(400);
    expect((await control('DELETE', '/faults')).status).toBe(204);
  });

  describe('parseNotification', () => {
    const keys = standinWechatPayKeys();
    const platform = { publicKeyId: keys.platform.publicKeyId, privateKey: keys.platform.privateKey };
    const plain = () => ({
      appid: config.appid,
      mchid: config.mchid,
      out_trade_no: 'D20260001',
      transaction_id: '4200000000000000000000000001',
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      success_time: '2026-12-07T18:00:00+08:00',
      payer: { openid: 'o-payer' },
      amount: { total: 300_000, payer_total: 300_000, currency: 'CNY', payer_currency: 'CNY' },
    });
    const genuine = () =>
      craftNotification({
        eventType: 'TRANSACTION.SUCCESS',
        plain: plain(),
        apiV3Key: keys.apiV3Key,
        platform,
      });

    it('accepts a genuine one', () => {
      const { headers, body } = genuine();
      expect(api.parseNotification(headers, body).transaction).toMatchObject({
        outTradeNo: 'D20260001',
        amountFen: 300_000,
        tradeState: 'SUCCESS',
      });
    });

    const refused: [string, () => { headers: Record<string, string>; body: string }][] = [
      [
        'a bad signature',
        () => {
          const n = genuine();
          const signature = Buffer.from(n.headers['Wechatpay-Signature']!, 'base64');
          signature[10]! ^= 0xff;
          return { ...n, headers: { ...n.headers, 'Wechatpay-Signature': signature.toString('base64') } };
        },
      ],
      [
        'a signature by another key',
        () => {
          const n = genuine();
          const other = { publicKeyId: platform.publicKeyId, privateKey: newRsaKeyPair().privateKey };
          return { ...n, headers: signNotification(n.body, other) };
        },
      ],
      [
        'a tampered body',
        () => {
          const n = genuine();
          return { ...n, body: n.body.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESS" ') };
        },
      ],
      [
        'another serial',
        () => {
          const n = genuine();
          return {
            ...n,
            headers: signNotification(n.body, { ...platform, publicKeyId: 'PUB_KEY_ID_0000000000' }),
          };
        },
      ],
      [
        'a timestamp 10 minutes old (a replay)',
        () => {
          const n = genuine();
          return { ...n, headers: signNotification(n.body, platform, Math.floor(Date.now() / 1000) - 600) };
        },
      ],
      [
        'a resource encrypted with another APIv3 key',
        () =>
          craftNotification({
            eventType: 'TRANSACTION.SUCCESS',
            plain: plain(),
            apiV3Key: newApiV3Key(),
            platform,
          }),
      ],
      ['no signature headers', () => ({ headers: {}, body: genuine().body })],
    ];

    it.each(refused)('throws WechatPayVerifyError for %s', (_case, make) => {
      const { headers, body } = make();
      expect(() => api.parseNotification(headers, body)).toThrow(WechatPayVerifyError);
    });

    it('reads headers whatever their case, as Node gives them', () => {
      const { headers, body } = genuine();
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      expect(api.parseNotification(lower, body).eventType).toBe('TRANSACTION.SUCCESS');
    });
  });
});

describe('WeChat Pay off', () => {
  let db: ScratchDatabase;

  beforeAll(async () => {
    db = await scratchDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  it('is not enabled and serves no stand-in without WECHATPAY_MCHID outside development', async () => {
    const server = await startServer(testConfig(db.config));
    try {
      expect(server.app.get(WechatPayApi).enabled).toBe(false);
      expect((await server.get('/__wechatpay/notifications')).status).toBe(404);
      await expect(server.app.get(WechatPayApi).queryOrder('D1')).rejects.toBeInstanceOf(WechatPayCallError);
    } finally {
      await server.close();
    }
  });
});
