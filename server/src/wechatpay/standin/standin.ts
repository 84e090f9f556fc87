import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyPluginCallback, type FastifyRequest } from 'fastify';
import {
  type WechatPayStandinDeliveriesResponse,
  type WechatPayStandinPayResponse,
  wechatPayStandinFaultSchema,
  wechatPayStandinPayRequestSchema,
  wechatPayStandinRefundBehaviourSchema,
} from '@itss/shared';
import { z } from 'zod';
import { isLoopback } from '../../wechat/standin/standin';
import {
  MAX_CLOCK_SKEW_S,
  parseAuthorization,
  platformHeaders,
  rsaVerify,
  signedText,
  unixSeconds,
} from '../wechatpay-crypto';
import {
  StandinLedger,
  type StandinRefund,
  WechatPayRefusal,
  jsapiBodySchema,
  refundBodySchema,
  refundJson,
  refundNotificationJson,
  transactionJson,
} from './ledger';
import { Postman, encryptResource } from './notifications';
import { STANDIN_MCHID, standinWechatPayKeys } from './standin-keys';

/**
 * A local WeChat Pay (API v3, JSAPI) for development and tests, served at /__wechatpay beside the
 * WeChat stand-in. It checks what WeChat Pay checks — the merchant's request signature, mchid and
 * appid, amounts, out_trade_no and out_refund_no reuse, time_expire — answers in WeChat Pay's shapes,
 * signs every answer with its platform key, and posts encrypted, signed notifications. The payer is
 * played through the control API: `POST /pay`, `PUT /refund-behaviour`, `GET|DELETE /notifications`.
 */

export interface WechatPayStandinOptions {
  /** The appid orders must carry: the configured WECHATPAY_APPID (the mini-program's by default). */
  appid: string;
}

const CONTROL_ROUTES = new Set(['/pay', '/notifications', '/refund-behaviour', '/faults']);

type Fault = z.output<typeof wechatPayStandinFaultSchema>;

/** Each WeChat Pay route by the API name faults use. */
const API_OF_ROUTE: Record<string, Fault['api']> = {
  'POST /v3/pay/transactions/jsapi': 'jsapi',
  'GET /v3/pay/transactions/out-trade-no/:no': 'query_order',
  'POST /v3/pay/transactions/out-trade-no/:no/close': 'close_order',
  'POST /v3/refund/domestic/refunds': 'refund',
  'GET /v3/refund/domestic/refunds/:no': 'query_refund',
};

function copiesOf(notify: 'once' | 'none' | 'twice'): number {
  return { once: 1, none: 0, twice: 2 }[notify];
}

export const wechatPayStandin: FastifyPluginCallback<WechatPayStandinOptions> = (app, options, done) => {
  const keys = standinWechatPayKeys();
  const platform = { publicKeyId: keys.platform.publicKeyId, privateKey: keys.platform.privateKey };
  const ledger = new StandinLedger(options.appid);
  const postman = new Postman(() => platform);
  let refundBehaviour = wechatPayStandinRefundBehaviourSchema.parse({ outcome: 'success' });
  const timers = new Set<NodeJS.Timeout>();
  let faults: Fault[] = [];
  const closing = new AbortController();
  /** The exact bytes of each request's body: the merchant's signature covers them. */
  const rawBodies = new WeakMap<FastifyRequest, string>();

  /** The path under this stand-in, as it would be under WeChat Pay's own host. */
  const apiPath = (request: FastifyRequest): string => request.url.slice(app.prefix.length) || '/';
  const isControl = (request: FastifyRequest): boolean => CONTROL_ROUTES.has(apiPath(request).split('?')[0]!);

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, parsed) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    rawBodies.set(request, text);
    if (text.trim() === '') {
      parsed(null, undefined);
      return;
    }
    try {
      parsed(null, JSON.parse(text) as unknown);
    } catch {
      parsed(new WechatPayRefusal(400, 'PARAM_ERROR', '请求体不是合法的 JSON'), undefined);
    }
  });

  app.addHook('onRequest', (request, reply, next) => {
    // Playing the payer marks orders paid: only a developer on this machine may.
    if (isControl(request) && !(isLoopback(request.socket.remoteAddress) && isLoopback(request.ip))) {
      void reply
        .code(403)
        .send({ error: 'the WeChat Pay stand-in control API answers callers on this machine only' });
      return;
    }
    next();
  });

  // The merchant's signature over METHOD\nPATH\ntimestamp\nnonce\nbody\n, with the key it registered.
  function authorizationProblem(request: FastifyRequest): WechatPayRefusal | null {
    const signError = (message: string) => new WechatPayRefusal(401, 'SIGN_ERROR', message);
    const fields = parseAuthorization(request.headers.authorization);
    if (!fields) return signError('Authorization 缺失或不是 WECHATPAY2-SHA256-RSA2048');
    if (fields.mchid !== STANDIN_MCHID) return signError('商户号不存在');
    if (fields.serial_no !== keys.merchant.serial) return signError('商户证书序列号有误');
    const skew = Math.abs(unixSeconds() - Number(fields.timestamp));
    if (!/^[0-9]{1,12}$/.test(fields.timestamp) || skew > MAX_CLOCK_SKEW_S) {
      return signError('请求时间戳与当前时间相差超过 5 分钟');
    }
    const body = rawBodies.get(request) ?? '';
    const text = signedText(request.method, apiPath(request), fields.timestamp, fields.nonce_str, body);
    return rsaVerify(text, fields.signature, keys.merchant.publicKey) ? null : signError('签名错误');
  }

  function takeFault(request: FastifyRequest): Fault | undefined {
    const api =
      API_OF_ROUTE[`${request.method} ${(request.routeOptions.url ?? '').slice(app.prefix.length)}`];
    const fault = faults.find((f) => f.api === api);
    if (fault && --fault.times === 0) faults = faults.filter((f) => f !== fault);
    return fault;
  }

  app.addHook('preHandler', async (request) => {
    if (isControl(request)) return;
    const problem = authorizationProblem(request);
    if (problem) throw problem;
    const fault = takeFault(request);
    if (fault?.delayMs)
      await sleep(fault.delayMs, undefined, { signal: closing.signal }).catch(() => undefined);
    if (fault?.status) throw new WechatPayRefusal(fault.status, fault.code, fault.message);
  });

  // WeChat Pay signs every answer, refusals included, with its platform key.
  app.addHook('onSend', (request, reply, payload, next) => {
    if (!isControl(request)) {
      const body = typeof payload === 'string' ? payload : '';
      void reply.headers({ 'Request-ID': randomUUID(), ...platformHeaders(platform, body) });
    }
    next(null, payload);
  });

  app.addHook('onClose', (_instance, next) => {
    postman.close();
    closing.abort();
    for (const timer of timers) clearTimeout(timer);
    next();
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const refusal =
      error instanceof WechatPayRefusal
        ? error
        : error instanceof z.ZodError
          ? new WechatPayRefusal(400, 'PARAM_ERROR', z.prettifyError(error))
          : (error.statusCode ?? 500) < 500
            ? new WechatPayRefusal(error.statusCode ?? 400, 'PARAM_ERROR', error.message)
            : new WechatPayRefusal(500, 'SYSTEM_ERROR', '系统错误');
    if (isControl(request)) return reply.code(refusal.status).send({ error: refusal.message });
    return reply
      .code(refusal.status)
      .type('application/json')
      .send({ code: refusal.code, message: refusal.message });
  });

  app.post('/v3/pay/transactions/jsapi', (request) => {
    const order = ledger.jsapi(
      parseAuthorization(request.headers.authorization)?.mchid ?? '',
      jsapiBodySchema.parse(request.body ?? {}),
    );
    return { prepay_id: order.prepayId };
  });

  app.get<{ Params: { no: string }; Querystring: { mchid?: string } }>(
    '/v3/pay/transactions/out-trade-no/:no',
    (request) => {
      if (request.query.mchid !== STANDIN_MCHID)
        throw new WechatPayRefusal(400, 'PARAM_ERROR', 'mchid 缺失或有误');
      return transactionJson(ledger.order(request.params.no));
    },
  );

  app.post<{ Params: { no: string } }>('/v3/pay/transactions/out-trade-no/:no/close', (request, reply) => {
    const body = z.object({ mchid: z.string() }).parse(request.body ?? {});
    if (body.mchid !== STANDIN_MCHID) throw new WechatPayRefusal(400, 'PARAM_ERROR', 'mchid 有误');
    ledger.close(request.params.no);
    return reply.code(204).send();
  });

  app.post('/v3/refund/domestic/refunds', (request) => {
    const body = refundBodySchema.parse(request.body ?? {});
    const isNew = ledger.findRefund(body.out_refund_no) === undefined;
    const refund = ledger.refund(body);
    if (isNew) settleRefundLater(refund);
    return refundJson(refund, ledger.order(refund.outTradeNo));
  });

  app.get<{ Params: { no: string } }>('/v3/refund/domestic/refunds/:no', (request) => {
    const refund = ledger.refundOf(request.params.no);
    return refundJson(refund, ledger.order(refund.outTradeNo));
  });

  /** The bank's answer to a refund arrives a moment later, as the behaviour set says. */
  function settleRefundLater(refund: StandinRefund): void {
    const { outcome, notify, delayMs } = refundBehaviour;
    if (outcome === 'processing') return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      ledger.settleRefund(refund, outcome === 'success' ? 'SUCCESS' : 'ABNORMAL');
      if (!refund.notifyUrl || notify === 'none') return;
      const order = ledger.order(refund.outTradeNo);
      const resource = encryptResource(keys.apiV3Key, 'refund', refundNotificationJson(refund, order));
      const event = outcome === 'success' ? 'REFUND.SUCCESS' : 'REFUND.ABNORMAL';
      postman.send(refund.notifyUrl, event, resource, refund.outRefundNo, copiesOf(notify));
    }, delayMs);
    timers.add(timer);
  }

  app.post('/pay', (request): WechatPayStandinPayResponse => {
    const body = wechatPayStandinPayRequestSchema.parse(request.body ?? {});
    const paid = ledger.pay(body.prepayId, body.outcome);
    if (paid === null) throw new WechatPayRefusal(404, 'NOT_FOUND', 'no order has this prepay_id');
    if (typeof paid === 'string') throw new WechatPayRefusal(409, 'INVALID_REQUEST', paid);
    let notificationId: string | null = null;
    const copies = copiesOf(body.notify);
    // WeChat Pay notifies successful payments only; the pay call never waits for the merchant.
    if (paid.tradeState === 'SUCCESS' && copies > 0) {
      const resource = encryptResource(keys.apiV3Key, 'transaction', transactionJson(paid));
      notificationId = postman.send(paid.notifyUrl, 'TRANSACTION.SUCCESS', resource, paid.outTradeNo, copies);
    }
    return {
      outTradeNo: paid.outTradeNo,
      tradeState: paid.tradeState === 'SUCCESS' ? 'SUCCESS' : 'PAYERROR',
      transactionId: paid.transactionId,
      notificationId,
    };
  });

  app.put('/refund-behaviour', (request) => {
    refundBehaviour = wechatPayStandinRefundBehaviourSchema.parse(request.body ?? {});
    return refundBehaviour;
  });

  app.post('/faults', (request) => {
    faults.push(wechatPayStandinFaultSchema.parse(request.body ?? {}));
    return { faults };
  });

  app.delete('/faults', (_request, reply) => {
    faults = [];
    return reply.code(204).send();
  });

  app.get('/notifications', (): WechatPayStandinDeliveriesResponse => ({ deliveries: postman.list() }));

  app.delete('/notifications', (_request, reply) => {
    postman.clear();
    return reply.code(204).send();
  });

  done();
};

export interface RunningWechatPayStandin {
  /** Base URL to use as `wechatpay.apiBase`, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** Runs the stand-in on a Fastify instance of its own (tests, or a separate development process). */
export async function startWechatPayStandin(
  options: WechatPayStandinOptions,
): Promise<RunningWechatPayStandin> {
  // A caller that timed out may leave its connection open: closing must not wait for it.
  const app = Fastify({ forceCloseConnections: true });
  await app.register(wechatPayStandin, options);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}
