import type { Logger } from '@nestjs/common';
import { z } from 'zod';
import type { WechatPayConfig } from '../config/wechatpay-config';
import { authorization, platformSignature, verifyPlatformSignature } from './wechatpay-crypto';
import { WechatPayCallError, WechatPayVerifyError } from './wechatpay.types';

/** The WeChat Pay APIs the client calls, as its log lines name them. */
export type WechatPayApiName = 'jsapi' | 'query_order' | 'close_order' | 'refund' | 'query_refund';

/** A verified answer: its status and, unless it had no body (204), its JSON. */
export interface WechatPayReply {
  status: number;
  body: unknown;
}

const errorBodySchema = z.object({ code: z.string(), message: z.string().optional() });
const failureSchema = z.object({
  name: z.string(),
  cause: z.object({ code: z.string().optional() }).optional().catch(undefined),
});

/** Codes of our own for failures WeChat Pay did not answer: never one of WeChat Pay's. */
export const NETWORK_FAILURE = 'NETWORK_FAILURE';
export const UNVERIFIED_ANSWER = 'ANSWER_NOT_VERIFIED';
export const MALFORMED_ANSWER = 'ANSWER_MALFORMED';

/**
 * The way to WeChat Pay: one signed HTTP call with the timeout, its answer's signature verified
 * before a byte of it is believed, WeChat Pay's errors as WechatPayCallError (status, code,
 * message). Log lines name the API, the status and WeChat Pay's code, never keys or signatures.
 */
export class WechatPayHttp {
  constructor(
    private readonly config: WechatPayConfig,
    private readonly logger: Logger,
  ) {}

  /** `path` is the absolute path under the API base, with its query (what the signature covers). */
  async call(
    api: WechatPayApiName,
    method: 'GET' | 'POST',
    path: string,
    body?: object,
  ): Promise<WechatPayReply> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const signing = {
      mchid: this.config.mchid,
      serial: this.config.merchantSerial,
      privateKey: this.config.merchantPrivateKey,
    };
    let response: Response;
    let answer: string;
    try {
      response = await fetch(this.config.apiBase + path, {
        method,
        headers: {
          authorization: authorization(signing, method, path, text),
          accept: 'application/json',
          // WeChat Pay refuses requests without a User-Agent.
          'user-agent': 'itss-server',
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: text }),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      answer = await response.text();
    } catch (error) {
      throw this.fail(api, 0, NETWORK_FAILURE, describeFailure(error, this.config.timeoutMs));
    }
    const headers = Object.fromEntries(response.headers.entries());
    const signed = platformSignature(headers) !== null;
    // A gateway's error page or WeChat Pay's refusal of our own signature comes unsigned: it is
    // an error either way, and nothing is concluded from it beyond that.
    if (signed || response.ok) {
      try {
        verifyPlatformSignature(headers, answer, {
          publicKeyId: this.config.platformPublicKeyId,
          publicKey: this.config.platformPublicKey,
        });
      } catch (error) {
        const reason = error instanceof WechatPayVerifyError ? error.message : 'verification failed';
        throw this.fail(api, response.status, UNVERIFIED_ANSWER, `an answer that does not verify: ${reason}`);
      }
    }
    let json: unknown = null;
    if (answer !== '') {
      try {
        json = JSON.parse(answer);
      } catch {
        throw this.fail(
          api,
          response.status,
          MALFORMED_ANSWER,
          `HTTP ${response.status} with a body that is not JSON`,
        );
      }
    }
    if (!response.ok) {
      const refusal = errorBodySchema.safeParse(json);
      const code = refusal.success ? refusal.data.code : `HTTP_${response.status}`;
      const message = (refusal.success && refusal.data.message) || `HTTP ${response.status}`;
      // A refusal that is not signed is not WeChat Pay's word: its code is not passed on as such.
      throw this.fail(api, response.status, signed ? code : `HTTP_${response.status}`, message);
    }
    return { status: response.status, body: json };
  }

  /** A success read with its schema: names the fields that do not fit, never their values. */
  read<T>(api: WechatPayApiName, reply: WechatPayReply, schema: z.ZodType<T>): T {
    const parsed = schema.safeParse(reply.body);
    if (parsed.success) return parsed.data;
    const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw this.fail(api, reply.status, MALFORMED_ANSWER, `an answer of unexpected shape (${fields})`);
  }

  private fail(api: WechatPayApiName, status: number, code: string, message: string): WechatPayCallError {
    this.logger.warn(`WeChat Pay ${api} failed: ${status === 0 ? '' : `HTTP ${status} `}${code}: ${message}`);
    return new WechatPayCallError(status, code, message);
  }
}

/** Read by shape, not instanceof (fetch's errors come from Node's own realm). */
function describeFailure(error: unknown, timeoutMs: number): string {
  const failure = failureSchema.safeParse(error);
  if (!failure.success) return 'network failure';
  if (failure.data.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const code = failure.data.cause?.code;
  return `network failure${code ? ` (${code})` : ''}`;
}
