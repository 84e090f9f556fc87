import type { Logger } from '@nestjs/common';
import { ErrorCode, WechatError } from '@itss/shared';
import { z } from 'zod';
import { AppError } from '../common/app-error';
import type { WechatConfig } from '../config/config';

/** The WeChat APIs the client calls, as its log lines name them. */
export type WechatApi =
  | 'jscode2session'
  | 'stable_token'
  | 'getuserphonenumber'
  | 'getwxacodeunlimit'
  | 'subscribe_send'
  | 'msg_sec_check'
  | 'media_check_async';

const SYSTEM_BUSY = -1;

/** A WeChat answer that arrived as JSON: errcode 0 when WeChat left it out (a success). */
export interface WechatReply {
  errcode: number;
  errmsg: string;
  body: Record<string, unknown>;
  image?: WechatImage;
}

/** An image WeChat drew (a mini-program code): its bytes and the type WeChat gave them. */
export interface WechatImage {
  contentType: string;
  bytes: Buffer;
}

const jsonObjectSchema = z.record(z.string(), z.unknown());
const failureSchema = z.object({
  name: z.string(),
  cause: z.object({ code: z.string().optional() }).optional().catch(undefined),
});

/**
 * The way to WeChat's server API: one HTTP call with the timeout, retried once when WeChat is busy,
 * its answer read as an image or a JSON object; WeChat's errcodes become AppErrors the mini-program
 * can act on, anything unexpected WechatUnavailable with a log line that never carries the request.
 */
export class WechatHttp {
  constructor(
    private readonly config: WechatConfig,
    private readonly logger: Logger,
  ) {}

  /** One call, retried once when WeChat says it is busy (-1). Other errcodes are left to the caller. */
  async exchange(api: WechatApi, path: string, init: RequestInit): Promise<WechatReply> {
    const reply = await this.send(api, path, init);
    return reply.errcode === SYSTEM_BUSY ? this.send(api, path, init) : reply;
  }

  private async send(api: WechatApi, path: string, init: RequestInit): Promise<WechatReply> {
    let status: number;
    let contentType: string;
    let bytes: Buffer;
    try {
      const response = await fetch(this.config.apiBase + path, {
        ...init,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      status = response.status;
      contentType = response.headers.get('content-type') ?? '';
      bytes = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      // The URL may hold the secret and the code: log what failed, never the request.
      throw this.unavailable(api, describeFailure(error, this.config.timeoutMs));
    }
    if (status < 200 || status >= 300) throw this.unavailable(api, `HTTP ${status}`);
    // Image APIs answer the image itself on success and JSON only to refuse.
    if (contentType.startsWith('image/')) {
      if (bytes.length === 0) throw this.unavailable(api, 'an empty image');
      return {
        errcode: 0,
        errmsg: '',
        body: {},
        image: { contentType: contentType.split(';')[0] ?? contentType, bytes },
      };
    }
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
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
  read<T>(api: WechatApi, reply: WechatReply, schema: z.ZodType<T>): T {
    if (reply.errcode !== 0) throw this.refusal(api, reply);
    const parsed = schema.safeParse(reply.body);
    if (parsed.success) return parsed.data;
    // Name the fields that do not fit, never their values (a session_key is one of them).
    const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw this.unavailable(api, `an answer of unexpected shape (${fields})`);
  }

  refusal(api: WechatApi, reply: WechatReply): AppError {
    switch (reply.errcode) {
      case 40029: // invalid code
      case 40163: // code already used
        return new AppError(WechatError.WechatCodeInvalid);
      case 45011:
        return new AppError(ErrorCode.RateLimited);
      case 40226:
        return new AppError(WechatError.WechatUserRestricted);
      default:
        return this.unavailable(api, `errcode ${reply.errcode}: ${reply.errmsg}`);
    }
  }

  unavailable(api: WechatApi, reason: string): AppError {
    this.logger.warn(`WeChat ${api} failed: ${reason}`);
    return new AppError(WechatError.WechatUnavailable);
  }
}

export function tokenQuery(token: string): URLSearchParams {
  return new URLSearchParams({ access_token: token });
}

export function postJson(body: object): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
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
