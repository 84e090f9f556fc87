import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode, WechatError } from '@itss/shared';
import { z } from 'zod';
import { AppError } from '../common/app-error';
import type { WechatConfig } from '../config/config';

/** Injection token of the WechatConfig the client runs with. */
export const WECHAT_CONFIG = Symbol('WECHAT_CONFIG');

type WechatApi = 'jscode2session' | 'stable_token' | 'getuserphonenumber';

/** Refresh the access token this long before WeChat says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;
/** The access token was invalidated (someone force-refreshed) or expired early. */
const TOKEN_INVALID = new Set([40001, 42001]);
const SYSTEM_BUSY = -1;

/** A WeChat answer that arrived as JSON: errcode 0 when WeChat left it out (a success). */
interface WechatReply {
  errcode: number;
  errmsg: string;
  body: Record<string, unknown>;
}

const jsonObjectSchema = z.record(z.string(), z.unknown());
const failureSchema = z.object({
  name: z.string(),
  cause: z.object({ code: z.string().optional() }).optional().catch(undefined),
});
const sessionSchema = z.object({
  openid: z.string().min(1),
  session_key: z.string().min(1),
  unionid: z.string().min(1).optional(),
});
const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});
const phoneSchema = z.object({
  phone_info: z.object({
    phoneNumber: z.string().min(1),
    purePhoneNumber: z.string().min(1),
    countryCode: z.string().min(1),
  }),
});

export interface WechatSession {
  openid: string;
  unionid?: string;
  /** For server-side decryption only: never log it, never send it to a client. */
  sessionKey: string;
}

export interface WechatPhone {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

/**
 * The one place that talks to WeChat's server API, over HTTP with a timeout on every call. WeChat's
 * errcodes become AppErrors the mini-program can act on; anything unexpected becomes
 * WechatUnavailable with a log line that never carries the secret, a code or a session_key.
 */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger(WechatClient.name);
  private token?: { value: string; refreshAt: number };
  private tokenRequest?: Promise<string>;

  constructor(@Inject(WECHAT_CONFIG) private readonly config: WechatConfig) {}

  /** auth.code2Session: exchanges a wx.login code (one use, 5 minutes) for the caller's openid. */
  async code2Session(code: string): Promise<WechatSession> {
    const query = new URLSearchParams({
      appid: this.config.appid,
      secret: this.config.secret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const reply = await this.exchange('jscode2session', `/sns/jscode2session?${query}`, { method: 'GET' });
    const session = this.read('jscode2session', reply, sessionSchema);
    return {
      openid: session.openid,
      ...(session.unionid && { unionid: session.unionid }),
      sessionKey: session.session_key,
    };
  }

  /**
   * The app's access token, cached until five minutes before it expires. Concurrent callers share one
   * request. A cache per process is right even with several replicas: stable_token hands every caller
   * the same token until it expires (we never force_refresh), so replicas do not invalidate each
   * other's tokens the way the old /cgi-bin/token did.
   */
  getAccessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.refreshAt) return Promise.resolve(this.token.value);
    this.tokenRequest ??= this.fetchAccessToken().finally(() => {
      this.tokenRequest = undefined;
    });
    return this.tokenRequest;
  }

  /** phonenumber.getPhoneNumber: a paid call, so callers use it once per person, not on every login. */
  async getPhoneNumber(code: string): Promise<WechatPhone> {
    const send = async (): Promise<{ token: string; reply: WechatReply }> => {
      const token = await this.getAccessToken();
      const path = `/wxa/business/getuserphonenumber?${new URLSearchParams({ access_token: token })}`;
      const reply = await this.exchange('getuserphonenumber', path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      return { token, reply };
    };
    let attempt = await send();
    if (TOKEN_INVALID.has(attempt.reply.errcode)) {
      // Someone force-refreshed or the token died early: the current one is a plain stable_token away.
      this.dropToken(attempt.token);
      attempt = await send();
    }
    const { phone_info: phone } = this.read('getuserphonenumber', attempt.reply, phoneSchema);
    return {
      phoneNumber: phone.phoneNumber,
      purePhoneNumber: phone.purePhoneNumber,
      countryCode: phone.countryCode,
    };
  }

  private async fetchAccessToken(): Promise<string> {
    const reply = await this.exchange('stable_token', '/cgi-bin/stable_token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: this.config.appid,
        secret: this.config.secret,
        force_refresh: false,
      }),
    });
    const { access_token, expires_in } = this.read('stable_token', reply, tokenSchema);
    this.token = { value: access_token, refreshAt: Date.now() + expires_in * 1000 - TOKEN_MARGIN_MS };
    return access_token;
  }

  /** Forgets the token only if it is still the one that failed, so concurrent failures refetch once. */
  private dropToken(failed: string): void {
    if (this.token?.value === failed) this.token = undefined;
  }

  /** One call, retried once when WeChat says it is busy (-1). Other errcodes are left to the caller. */
  private async exchange(api: WechatApi, path: string, init: RequestInit): Promise<WechatReply> {
    const reply = await this.send(api, path, init);
    return reply.errcode === SYSTEM_BUSY ? this.send(api, path, init) : reply;
  }

  private async send(api: WechatApi, path: string, init: RequestInit): Promise<WechatReply> {
    let status: number;
    let text: string;
    try {
      const response = await fetch(this.config.apiBase + path, {
        ...init,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      // The URL may hold the secret and the code: log what failed, never the request.
      throw this.unavailable(api, describeFailure(error, this.config.timeoutMs));
    }
    if (status < 200 || status >= 300) throw this.unavailable(api, `HTTP ${status}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.unavailable(api, `HTTP ${status} with a body that is not JSON`);
    }
    const parsed = jsonObjectSchema.safeParse(json);
    if (!parsed.success) throw this.unavailable(api, 'an answer that is not a JSON object');
    const fields = parsed.data;
    return {
      errcode: typeof fields.errcode === 'number' ? fields.errcode : 0,
      errmsg: typeof fields.errmsg === 'string' ? fields.errmsg : '',
      body: fields,
    };
  }

  /** A success is read with its schema; an errcode becomes the AppError the caller can act on. */
  private read<T>(api: WechatApi, reply: WechatReply, schema: z.ZodType<T>): T {
    switch (reply.errcode) {
      case 0: {
        const parsed = schema.safeParse(reply.body);
        if (parsed.success) return parsed.data;
        // Name the fields that do not fit, never their values (a session_key is one of them).
        const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
        throw this.unavailable(api, `an answer of unexpected shape (${fields})`);
      }
      case 40029: // invalid code
      case 40163: // code already used
        throw new AppError(WechatError.WechatCodeInvalid);
      case 45011:
        throw new AppError(ErrorCode.RateLimited);
      case 40226:
        throw new AppError(WechatError.WechatUserRestricted);
      default:
        throw this.unavailable(api, `errcode ${reply.errcode}: ${reply.errmsg}`);
    }
  }

  private unavailable(api: WechatApi, reason: string): AppError {
    this.logger.warn(`WeChat ${api} failed: ${reason}`);
    return new AppError(WechatError.WechatUnavailable);
  }
}

/**
 * Read by shape, not instanceof: fetch's errors come from Node's own realm (a DOMException for the
 * timeout, a TypeError whose cause carries the socket error code), which instanceof can miss.
 */
function describeFailure(error: unknown, timeoutMs: number): string {
  const failure = failureSchema.safeParse(error);
  if (!failure.success) return 'network failure';
  if (failure.data.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const code = failure.data.cause?.code;
  return `network failure${code ? ` (${code})` : ''}`;
}
