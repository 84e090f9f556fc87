import QRCode from 'qrcode';
import Fastify, { type FastifyPluginCallback, type FastifyReply } from 'fastify';
import { type StandinCodeResponse, type StandinPersonasResponse, mainlandMobileSchema } from '@itss/shared';
import { z } from 'zod';
import { STANDIN_APPID, STANDIN_SECRET } from '../../config/config';
import { STANDIN_PERSONAS, STANDIN_PERSONA_KEYS, standinPersona } from './personas';
import {
  CODE_PNG,
  CONTENT_LABEL,
  PAGE,
  SCENE,
  codeBodySchema,
  contentCheckBodySchema,
  fieldIsValid,
  mediaCheckBodySchema,
  phoneBodySchema,
  stableTokenBodySchema,
  subscribeBodySchema,
  traceId,
  wechatError,
} from './wechat-rules';
import { CodeBook, newSecret } from './code-book';

/**
 * A local WeChat for development and tests: the server APIs the client uses, with WeChat's
 * request and response shapes (HTTP 200 with an errcode for every refusal), plus a control API under
 * /__standin/ to hand out codes, inject faults, count calls and read back content checks. State lives in memory: it is a
 * development tool, never a production dependency (config refuses the stand-in in production).
 */

export const STANDIN_ENDPOINTS = [
  'jscode2session',
  'stable_token',
  'getuserphonenumber',
  'getwxacodeunlimit',
  'subscribe_send',
  'msg_sec_check',
  'media_check_async',
] as const;
export type StandinEndpoint = (typeof STANDIN_ENDPOINTS)[number];

const TOKEN_TTL_S = 7200;

/** jscode2session really answers JSON as text/plain; the client must parse the body, not trust the type. */
const CONTENT_TYPE: Record<StandinEndpoint, string> = {
  jscode2session: 'text/plain',
  stable_token: 'application/json; charset=UTF-8',
  getuserphonenumber: 'application/json; charset=UTF-8',
  getwxacodeunlimit: 'application/json; charset=UTF-8',
  subscribe_send: 'application/json; charset=UTF-8',
  msg_sec_check: 'application/json; charset=UTF-8',
  media_check_async: 'application/json; charset=UTF-8',
};

/**
 * How a developer or a test gets each verdict of the text check: the marker anywhere in the content
 * or title. Anything else passes.
 */
export const STANDIN_CONTENT_MARKERS = { risky: '[risky]', review: '[review]' } as const;
/** A content-check request the stand-in answered, for tests and the developer to read back. */
export type StandinContentCheck =
  | {
      endpoint: 'msg_sec_check';
      body: z.infer<typeof contentCheckBodySchema>;
      suggest: string;
      traceId: string;
    }
  | { endpoint: 'media_check_async'; body: z.infer<typeof mediaCheckBodySchema>; traceId: string };

export type StandinSubscribeMessage = z.infer<typeof subscribeBodySchema>;

const faultSchema = z
  .strictObject({
    endpoint: z.enum(STANDIN_ENDPOINTS),
    errcode: z
      .number()
      .int()
      .refine((n) => n !== 0, 'errcode 0 is a success, not a fault')
      .optional(),
    /** A gateway failure: this HTTP status with an HTML body instead of JSON. */
    httpStatus: z.number().int().min(400).max(599).optional(),
    delayMs: z.number().int().min(1).max(60_000).optional(),
    hangup: z.boolean().optional(),
    times: z.number().int().min(1).max(1000).default(1),
  })
  .refine(
    (f) => f.errcode !== undefined || f.httpStatus !== undefined || f.delayMs !== undefined || f.hangup,
    'give errcode, httpStatus, delayMs or hangup',
  );
export type StandinFault = z.input<typeof faultSchema>;
type Fault = z.output<typeof faultSchema>;

const personaSchema = z.strictObject({ persona: z.enum(STANDIN_PERSONA_KEYS) });
// Deliberately looser than WeChat (up to 128 characters): tests play a WeChat answering an openid
// too long for our columns, which the client must refuse.
const loginCodeSchema = z.union([
  personaSchema,
  z.strictObject({ openid: z.string().min(1).max(128), unionid: z.string().min(1).max(128).optional() }),
]);
const phoneCodeSchema = z.union([personaSchema, z.strictObject({ phone: mainlandMobileSchema })]);

/** Control API refusals: a plain 400 with a reason, read by the developer or the test. */
class StandinBadRequest extends Error {
  readonly statusCode = 400;
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new StandinBadRequest(z.prettifyError(parsed.error));
  return parsed.data;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/** Waits, but stops early when the caller hangs up (a timed-out client), so close() is not held up. */
function stall(ms: number, reply: FastifyReply): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      reply.raw.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    reply.raw.once('close', done);
  });
}

export const wechatStandin: FastifyPluginCallback = (app, _options, done) => {
  const loginCodes = new CodeBook<{ openid: string; unionid?: string }>();
  const phoneCodes = new CodeBook<string>();
  // stable_token semantics: one current token for the app until it expires or is force-refreshed.
  let current: { token: string; expiresAt: number } | undefined;
  let faults: Fault[] = [];
  const calls: Record<StandinEndpoint, number> = {
    jscode2session: 0,
    stable_token: 0,
    getuserphonenumber: 0,
    getwxacodeunlimit: 0,
    subscribe_send: 0,
    msg_sec_check: 0,
    media_check_async: 0,
  };
  /** Content checks answered, oldest first. */
  let contentChecks: StandinContentCheck[] = [];
  /** Subscribe messages WeChat would have delivered, oldest first, for tests and the developer. */
  let delivered: StandinSubscribeMessage[] = [];

  /** The errcode for a request's access_token, or undefined when it is the current one. */
  function tokenProblem(query: Record<string, unknown>): number | undefined {
    const token = text(query.access_token);
    if (!token) return 41001;
    if (token !== current?.token) return 40001;
    if (current.expiresAt <= Date.now()) return 42001;
    return undefined;
  }

  function takeFault(endpoint: StandinEndpoint): Fault | undefined {
    const fault = faults.find((f) => f.endpoint === endpoint);
    if (fault && --fault.times === 0) faults = faults.filter((f) => f !== fault);
    return fault;
  }

  /** Counts the call, plays any injected fault, otherwise sends what `answer` computes. */
  async function serve(
    endpoint: StandinEndpoint,
    reply: FastifyReply,
    answer: () => object | Promise<object | Buffer>,
  ) {
    calls[endpoint] += 1;
    const fault = takeFault(endpoint);
    if (fault?.delayMs) await stall(fault.delayMs, reply);
    if (fault?.hangup || reply.raw.socket?.destroyed !== false) {
      reply.raw.socket?.destroy();
      return reply.hijack();
    }
    if (fault?.httpStatus) {
      return reply
        .code(fault.httpStatus)
        .type('text/html')
        .send(`<html><body><h1>${fault.httpStatus}</h1></body></html>`);
    }
    const payload = fault?.errcode === undefined ? await answer() : wechatError(fault.errcode);
    if (Buffer.isBuffer(payload)) return reply.type('image/png').send(payload);
    return reply.type(CONTENT_TYPE[endpoint]).send(JSON.stringify(payload));
  }

  // The control API hands out login codes for any openid, the demo admin's too: only a developer on
  // this machine may use it, even when HOST opens the server to the network. Both the socket's peer
  // and the client a trusted proxy names must be loopback.
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.includes('/__standin/')) {
      done();
      return;
    }
    if (isLoopback(request.socket.remoteAddress) && isLoopback(request.ip)) {
      done();
      return;
    }
    void reply.code(403).send({ error: 'the stand-in control API answers callers on this machine only' });
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (request.url.includes('/__standin/')) return reply.code(status).send({ error: error.message });
    // WeChat answers a body it cannot read with HTTP 200 and 47001.
    if (status < 500) return reply.code(200).send(wechatError(47001));
    return reply.code(500).send(wechatError(-1));
  });

  app.get<{ Querystring: Record<string, unknown> }>('/sns/jscode2session', (request, reply) =>
    serve('jscode2session', reply, () => {
      const q = request.query;
      if (text(q.appid) !== STANDIN_APPID) return wechatError(40013);
      if (text(q.secret) !== STANDIN_SECRET) return wechatError(40125);
      if (text(q.grant_type) !== 'authorization_code') return wechatError(40002);
      const code = text(q.js_code);
      if (!code) return wechatError(41008);
      const who = loginCodes.take(code);
      if (!who) return wechatError(40029);
      return { session_key: newSecret(16), openid: who.openid, ...(who.unionid && { unionid: who.unionid }) };
    }),
  );

  app.post('/cgi-bin/stable_token', (request, reply) =>
    serve('stable_token', reply, () => {
      const body = stableTokenBodySchema.safeParse(request.body ?? {});
      if (!body.success) return wechatError(47001);
      const { grant_type, appid, secret, force_refresh } = body.data;
      if (grant_type !== 'client_credential') return wechatError(40002);
      if (appid !== STANDIN_APPID) return wechatError(40013);
      if (secret !== STANDIN_SECRET) return wechatError(40125);
      const now = Date.now();
      // force_refresh invalidates the previous token at once, for every caller.
      if (force_refresh || !current || current.expiresAt <= now) {
        current = { token: newSecret(96), expiresAt: now + TOKEN_TTL_S * 1000 };
      }
      return { access_token: current.token, expires_in: Math.floor((current.expiresAt - now) / 1000) };
    }),
  );

  app.post<{ Querystring: Record<string, unknown> }>('/wxa/business/getuserphonenumber', (request, reply) =>
    serve('getuserphonenumber', reply, () => {
      const problem = tokenProblem(request.query);
      if (problem !== undefined) return wechatError(problem);
      const body = phoneBodySchema.safeParse(request.body ?? {});
      if (!body.success) return wechatError(47001);
      if (!body.data.code) return wechatError(41008);
      const phone = phoneCodes.take(body.data.code);
      if (!phone) return wechatError(40029);
      return {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: phone,
          purePhoneNumber: phone,
          countryCode: '86',
          watermark: { timestamp: Math.floor(Date.now() / 1000), appid: STANDIN_APPID },
        },
      };
    }),
  );

  // Draws a real QR code (not WeChat's round one) of the page and scene, so a test can read it back;
  // at the library's default size, since the width WeChat is asked for only changes the pixels.
  app.post<{ Querystring: Record<string, unknown> }>('/wxa/getwxacodeunlimit', (request, reply) =>
    serve('getwxacodeunlimit', reply, async () => {
      const problem = tokenProblem(request.query);
      if (problem !== undefined) return wechatError(problem);
      const body = codeBodySchema.safeParse(request.body ?? {});
      if (!body.success) return wechatError(47001);
      const { scene = '', page = '' } = body.data;
      if (scene.length === 0 || scene.length > 32) return wechatError(40169);
      if (!SCENE.test(scene)) return wechatError(40129);
      if (page && !PAGE.test(page)) return wechatError(41030);
      return QRCode.toBuffer(`${page}?scene=${encodeURIComponent(scene)}`, CODE_PNG);
    }),
  );

  app.post<{ Querystring: Record<string, unknown> }>('/cgi-bin/message/subscribe/send', (request, reply) =>
    serve('subscribe_send', reply, () => {
      const problem = tokenProblem(request.query);
      if (problem !== undefined) return wechatError(problem);
      const body = subscribeBodySchema.safeParse(request.body ?? {});
      if (!body.success) return wechatError(47001);
      const bad = Object.entries(body.data.data).find(([key, field]) => !fieldIsValid(key, field.value));
      if (bad) return { ...wechatError(47003), errmsg: `argument invalid! data.${bad[0]}.value invalid` };
      delivered.push(body.data);
      return { errcode: 0, errmsg: 'ok', msgid: Date.now() };
    }),
  );

  // msgSecCheck 2.0: the verdict of the worst strategy in `result`, each strategy's in `detail`.
  app.post<{ Querystring: Record<string, unknown> }>('/wxa/msg_sec_check', (request, reply) =>
    serve('msg_sec_check', reply, () => {
      const problem = tokenProblem(request.query);
      if (problem !== undefined) return wechatError(problem);
      const body = contentCheckBodySchema.safeParse(request.body ?? {});
      if (!body.success) return wechatError(47001);
      if (!body.data.openid) return wechatError(40003);
      const text = `${body.data.title ?? ''}${body.data.content}`;
      const suggest = text.includes(STANDIN_CONTENT_MARKERS.risky)
        ? 'risky'
        : text.includes(STANDIN_CONTENT_MARKERS.review)
          ? 'review'
          : 'pass';
      const trace = traceId();
      contentChecks.push({ endpoint: 'msg_sec_check', body: body.data, suggest, traceId: trace });
      const label = CONTENT_LABEL[suggest];
      return {
        errcode: 0,
        errmsg: 'ok',
        detail: [
          { strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 },
          { strategy: 'keyword', errcode: 0 },
        ],
        trace_id: trace,
        result: { suggest, label },
      };
    }),
  );

  // The verdict would follow as a wxa_media_check event pushed to the app's message URL: the
  // stand-in only takes the task, like WeChat's first answer.
  app.post<{ Querystring: Record<string, unknown> }>('/wxa/media_check_async', (request, reply) =>
    serve('media_check_async', reply, () => {
      const problem = tokenProblem(request.query);
      if (problem !== undefined) return wechatError(problem);
      const body = mediaCheckBodySchema.safeParse(request.body ?? {});
      if (!body.success) return wechatError(47001);
      if (!body.data.openid) return wechatError(40003);
      const trace = traceId();
      contentChecks.push({ endpoint: 'media_check_async', body: body.data, traceId: trace });
      return { errcode: 0, errmsg: 'ok', trace_id: trace };
    }),
  );

  app.get('/__standin/content-checks', () => ({ checks: contentChecks }));

  app.delete('/__standin/content-checks', (_request, reply) => {
    contentChecks = [];
    return reply.code(204).send();
  });

  app.get('/__standin/subscribe-messages', () => ({ messages: delivered }));

  app.delete('/__standin/subscribe-messages', (_request, reply) => {
    delivered = [];
    return reply.code(204).send();
  });

  app.get('/__standin/personas', (): StandinPersonasResponse => ({ personas: [...STANDIN_PERSONAS] }));

  app.post('/__standin/login-code', (request): StandinCodeResponse => {
    const body = parseBody(loginCodeSchema, request.body);
    const who = 'persona' in body ? standinPersona(body.persona) : body;
    return { code: loginCodes.issue({ openid: who.openid, ...(who.unionid && { unionid: who.unionid }) }) };
  });

  app.post('/__standin/phone-code', (request): StandinCodeResponse => {
    const body = parseBody(phoneCodeSchema, request.body);
    return { code: phoneCodes.issue('persona' in body ? standinPersona(body.persona).phone : body.phone) };
  });

  app.post('/__standin/faults', (request) => {
    faults.push(parseBody(faultSchema, request.body));
    return { faults };
  });

  app.delete('/__standin/faults', (_request, reply) => {
    faults = [];
    return reply.code(204).send();
  });

  app.get('/__standin/stats', () => ({ calls }));

  done();
};

export interface RunningStandin {
  /** Base URL to use as `wechat.apiBase`, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** Runs the stand-in on a Fastify instance of its own (tests, or a separate development process). */
export async function startStandin(port = 0): Promise<RunningStandin> {
  const app = Fastify();
  await app.register(wechatStandin);
  const url = await app.listen({ port, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}
