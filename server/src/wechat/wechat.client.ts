import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ContentCheckResult, WechatError, openidSchema } from '@itss/shared';
import { z } from 'zod';
import { AppError } from '../common/app-error';
import type { WechatConfig } from '../config/config';
import { SharedState } from '../state/shared-state';
import { type WechatImage, type WechatReply, WechatHttp, postJson, tokenQuery } from './wechat-http';

/** Injection token of the WechatConfig the client runs with. */
export const WECHAT_CONFIG = Symbol('WECHAT_CONFIG');

/** The mini-program version a subscribe message opens, by the version campaign codes open. */
const MINIPROGRAM_STATE = { release: 'formal', trial: 'trial', develop: 'developer' } as const;

/** Refresh the access token this long before WeChat says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;
/** How often a replica waiting for another's stable_token call looks for the token. */
const TOKEN_POLL_MS = 50;

/** SharedState keys: per appid, so apps (or tests) sharing one Redis never swap tokens. */
export const accessTokenKey = (appid: string): string => `wechat:access_token:${appid}`;
export const accessTokenLockKey = (appid: string): string => `wechat:access_token:lock:${appid}`;
/** The access token was invalidated (someone force-refreshed) or expired early. */
const TOKEN_INVALID = new Set([40001, 42001]);

/** What became of a subscribe message: WeChat took it, or the person had no credit left (43101). */
export type SubscribeSendResult = 'sent' | 'no_credit';

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** The page the message opens, with its query. */
  page: string | null;
  /** The template's fields by key (thing1, time2…), each within WeChat's length for its kind. */
  data: Record<string, string>;
}

// An openid or unionid that would not fit our columns is a faulty answer, not a new user.
const sessionSchema = z.object({
  openid: openidSchema,
  session_key: z.string().min(1),
  unionid: openidSchema.optional(),
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

/**
 * msgSecCheck 2.0: the worst suggestion over WeChat's strategies, with the label of what it found
 * (100 normal, 20001 politics, 20002 porn…) and the trace id WeChat's support asks for.
 */
const textCheckSchema = z.object({
  trace_id: z.string().optional(),
  result: z.object({
    suggest: z.enum(['pass', 'review', 'risky']),
    label: z.number().int(),
  }),
});
const mediaCheckSchema = z.object({ trace_id: z.string().min(1) });

/** The most characters msg_sec_check 2.0 takes in one call. */
export const TEXT_CHECK_MAX_CHARS = 2500;

/** The scenes of WeChat's content checks: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export type ContentCheckScene = 1 | 2 | 3 | 4;

export interface TextCheckRequest {
  /** The author, who must have opened the mini-program within the last two hours. */
  openid: string;
  /** At most TEXT_CHECK_MAX_CHARS characters. */
  content: string;
  title?: string;
  scene: ContentCheckScene;
}

export interface TextCheckResult {
  suggest: ContentCheckResult;
  label: number;
  traceId: string | null;
}

export interface MediaCheckRequest {
  openid: string;
  /** An address WeChat can fetch the file at, within the next 30 minutes. */
  mediaUrl: string;
  /** 1 audio, 2 image. */
  mediaType: 1 | 2;
  scene: ContentCheckScene;
}

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
 * The one place that talks to WeChat's server API: each call WeChat offers that the product uses,
 * and the access token they share, over WechatHttp (a timeout on every call; WeChat's errcodes
 * become AppErrors the mini-program can act on, anything unexpected WechatUnavailable with a log
 * line that never carries the secret, a code or a session_key).
 */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger(WechatClient.name);
  /** This process's callers share one wait for the token, whoever fetches it. */
  private tokenRequest?: Promise<string>;
  private readonly http: WechatHttp;

  constructor(
    @Inject(WECHAT_CONFIG) private readonly config: WechatConfig,
    private readonly state: SharedState,
  ) {
    this.http = new WechatHttp(config, this.logger);
  }

  /** auth.code2Session: exchanges a wx.login code (one use, 5 minutes) for the caller's openid. */
  async code2Session(code: string): Promise<WechatSession> {
    const query = new URLSearchParams({
      appid: this.config.appid,
      secret: this.config.secret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const reply = await this.http.exchange('jscode2session', `/sns/jscode2session?${query}`, {
      method: 'GET',
    });
    const session = this.http.read('jscode2session', reply, sessionSchema);
    return {
      openid: session.openid,
      ...(session.unionid && { unionid: session.unionid }),
      sessionKey: session.session_key,
    };
  }

  /**
   * The app's access token, cached in SharedState (so in Redis, for every replica) until five minutes
   * before it expires. One stable_token call serves all replicas: the one that takes the lock asks
   * WeChat, the others wait for the token it stores; a lock whose holder died expires and the next
   * replica asks. Correctness does not need it (stable_token hands every caller the same token
   * until it expires, and we never force_refresh); WeChat's daily quota on stable_token and bursts
   * of replicas starting together do.
   */
  async getAccessToken(): Promise<string> {
    try {
      const cached = await this.state.get(accessTokenKey(this.config.appid));
      if (cached) return cached;
      this.tokenRequest ??= this.obtainToken().finally(() => {
        this.tokenRequest = undefined;
      });
      return await this.tokenRequest;
    } catch (error) {
      throw this.stateFailure(error);
    }
  }

  /** phonenumber.getPhoneNumber: a paid call, so callers use it once per person, not on every login. */
  async getPhoneNumber(code: string): Promise<WechatPhone> {
    const reply = await this.withAccessToken((token) =>
      this.http.exchange(
        'getuserphonenumber',
        `/wxa/business/getuserphonenumber?${tokenQuery(token)}`,
        postJson({ code }),
      ),
    );
    const { phone_info: phone } = this.http.read('getuserphonenumber', reply, phoneSchema);
    return {
      phoneNumber: phone.phoneNumber,
      purePhoneNumber: phone.purePhoneNumber,
      countryCode: phone.countryCode,
    };
  }

  /**
   * wxacode.getUnlimited: the mini-program code that opens `page` with `scene`. WeChat answers the
   * image itself, or JSON with an errcode. Outside release, WeChat cannot check that the page exists.
   */
  async getUnlimitedCode(scene: string, page: string): Promise<WechatImage> {
    const env = this.config.codeEnvVersion;
    const reply = await this.withAccessToken((token) =>
      this.http.exchange(
        'getwxacodeunlimit',
        `/wxa/getwxacodeunlimit?${tokenQuery(token)}`,
        postJson({ scene, page, check_path: env === 'release', env_version: env, width: 430 }),
      ),
    );
    if (reply.image) return reply.image;
    if (reply.errcode === 41030) throw new AppError(WechatError.WechatPageUnpublished);
    if (reply.errcode === 0)
      throw this.http.unavailable('getwxacodeunlimit', 'a JSON answer without an image');
    throw this.http.refusal('getwxacodeunlimit', reply);
  }

  /**
   * subscribeMessage.send: one message on one of the person's credits. 43101 (no credit: never
   * granted, used up, or withdrawn in WeChat's settings) is an answer, not a failure, and is never
   * retried. A refusal of the message itself (bad template or data) is a fault here, logged as one.
   */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<SubscribeSendResult> {
    const reply = await this.withAccessToken((token) =>
      this.http.exchange(
        'subscribe_send',
        `/cgi-bin/message/subscribe/send?${tokenQuery(token)}`,
        postJson({
          touser: message.openid,
          template_id: message.templateId,
          ...(message.page !== null && { page: message.page }),
          data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
          miniprogram_state: MINIPROGRAM_STATE[this.config.codeEnvVersion],
          lang: 'zh_CN',
        }),
      ),
    );
    if (reply.errcode === 43101) return 'no_credit';
    if (reply.errcode !== 0) throw this.http.refusal('subscribe_send', reply);
    return 'sent';
  }

  /**
   * security.msgSecCheck, version 2: whether a text may be published. Every refusal (an openid WeChat
   * has not seen lately: 40003, 61010; quota: 45009) is WechatUnavailable, so the caller decides
   * what an unchecked text becomes; WeChat's verdict is only ever in `suggest`.
   */
  async msgSecCheck(request: TextCheckRequest): Promise<TextCheckResult> {
    if ([...request.content].length > TEXT_CHECK_MAX_CHARS) {
      throw new Error(`msgSecCheck takes at most ${TEXT_CHECK_MAX_CHARS} characters per call`);
    }
    const reply = await this.withAccessToken((token) =>
      this.http.exchange(
        'msg_sec_check',
        `/wxa/msg_sec_check?${tokenQuery(token)}`,
        postJson({
          content: request.content,
          version: 2,
          scene: request.scene,
          openid: request.openid,
          ...(request.title !== undefined && { title: request.title }),
        }),
      ),
    );
    if (reply.errcode !== 0)
      throw this.http.unavailable('msg_sec_check', `errcode ${reply.errcode}: ${reply.errmsg}`);
    const checked = this.http.read('msg_sec_check', reply, textCheckSchema);
    return {
      suggest: checked.result.suggest,
      label: checked.result.label,
      traceId: checked.trace_id ?? null,
    };
  }

  /**
   * security.mediaCheckAsync, version 2: asks WeChat to fetch and check an image (or audio). The
   * verdict arrives within 30 minutes as a wxa_media_check event at the message-push URL, matched
   * by the trace id returned here. Every refusal is WechatUnavailable.
   */
  async mediaCheckAsync(request: MediaCheckRequest): Promise<{ traceId: string }> {
    const reply = await this.withAccessToken((token) =>
      this.http.exchange(
        'media_check_async',
        `/wxa/media_check_async?${tokenQuery(token)}`,
        postJson({
          media_url: request.mediaUrl,
          media_type: request.mediaType,
          version: 2,
          scene: request.scene,
          openid: request.openid,
        }),
      ),
    );
    if (reply.errcode !== 0) {
      throw this.http.unavailable('media_check_async', `errcode ${reply.errcode}: ${reply.errmsg}`);
    }
    return { traceId: this.http.read('media_check_async', reply, mediaCheckSchema).trace_id };
  }

  /** Calls an access-token API, once more with a fresh token if WeChat says the token died. */
  private async withAccessToken(call: (token: string) => Promise<WechatReply>): Promise<WechatReply> {
    const token = await this.getAccessToken();
    const reply = await call(token);
    if (!TOKEN_INVALID.has(reply.errcode)) return reply;
    // Someone force-refreshed or the token died early: the current one is a plain stable_token away.
    await this.dropToken(token);
    return call(await this.getAccessToken());
  }

  private async obtainToken(): Promise<string> {
    const key = accessTokenKey(this.config.appid);
    const lockKey = accessTokenLockKey(this.config.appid);
    // Held while asking WeChat: up to two sends (the busy retry), each within the timeout.
    const lockTtlMs = 2 * this.config.timeoutMs + 1000;
    // Long enough to see the lock of a holder that died expire, and take it.
    const deadline = Date.now() + lockTtlMs + 10 * TOKEN_POLL_MS;
    for (;;) {
      const lock = await this.state.acquire(lockKey, lockTtlMs);
      if (lock !== null) {
        try {
          // Another replica may have stored one between our miss and our lock.
          return (await this.state.get(key)) ?? (await this.fetchAccessToken());
        } finally {
          await this.state.release(lockKey, lock);
        }
      }
      await sleep(TOKEN_POLL_MS);
      const token = await this.state.get(key);
      if (token) return token;
      if (Date.now() > deadline)
        throw this.http.unavailable('stable_token', 'another replica held the token lock too long');
    }
  }

  private async fetchAccessToken(): Promise<string> {
    const reply = await this.http.exchange(
      'stable_token',
      '/cgi-bin/stable_token',
      postJson({
        grant_type: 'client_credential',
        appid: this.config.appid,
        secret: this.config.secret,
        force_refresh: false,
      }),
    );
    const { access_token, expires_in } = this.http.read('stable_token', reply, tokenSchema);
    const ttlMs = expires_in * 1000 - TOKEN_MARGIN_MS;
    // A token within the margin of its end is used once and not kept: the next caller asks again.
    if (ttlMs >= 1) await this.state.set(accessTokenKey(this.config.appid), access_token, ttlMs);
    return access_token;
  }

  /**
   * Forgets the token only if it is still the one that failed: when another replica (or a
   * concurrent call here) has already stored a fresh one, that one stays, and no second stable_token
   * call follows.
   */
  private async dropToken(failed: string): Promise<void> {
    try {
      await this.state.deleteIfEquals(accessTokenKey(this.config.appid), failed);
    } catch (error) {
      throw this.stateFailure(error);
    }
  }

  /** Redis down: the caller gets WechatUnavailable (503, try later) like any other outage on the way. */
  private stateFailure(error: unknown): AppError {
    if (error instanceof AppError) return error;
    return this.http.unavailable(
      'stable_token',
      `shared state failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
