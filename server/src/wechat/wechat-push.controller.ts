import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ErrorCode } from '@itss/shared';
import { z } from 'zod';
import { Public } from '../common/access.decorators';
import { AppError } from '../common/app-error';
import type { WechatConfig } from '../config/config';
import { SharedState } from '../state/shared-state';
import { WECHAT_CONFIG } from './wechat.client';
import {
  type WechatPushConfig,
  type WechatPushEvent,
  WechatPushHandlers,
  decryptPush,
  pushSignature,
  signaturesMatch,
} from './wechat-push';

/** A signed request older or newer than this is refused: a replay, or a clock far off. */
const MAX_SKEW_S = 300;
/**
 * How long a handled push is remembered: past both ends of the accepted skew, after which its
 * signature is refused as stale anyway.
 */
const HANDLED_TTL_MS = (2 * MAX_SKEW_S + 60) * 1000;

const signedQuerySchema = z.object({
  signature: z.string().regex(/^[0-9a-f]{40}$/),
  timestamp: z.string().regex(/^[0-9]{1,12}$/),
  nonce: z.string().min(1).max(64),
});
const verifyQuerySchema = signedQuerySchema.extend({ echostr: z.string().min(1).max(256) });
const pushQuerySchema = signedQuerySchema.extend({
  encrypt_type: z.enum(['aes']).optional(),
  msg_signature: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .optional(),
});
const pushBodySchema = z.record(z.string(), z.unknown());
const encryptedBodySchema = z.object({ Encrypt: z.string().min(1) });

/**
 * The message-push URL of the WeChat console (消息推送, JSON format): `GET` answers WeChat's URL check,
 * `POST` takes events (wxa_media_check, the verdicts of image checks). Public, since WeChat sends
 * no session: every request must carry WeChat's signature with the console's Token, and in safe
 * mode its events arrive encrypted with the EncodingAESKey. Unconfigured, the route does not exist.
 */
@Controller('wechat/push')
@Public()
export class WechatPushController {
  constructor(
    @Inject(WECHAT_CONFIG) private readonly config: WechatConfig,
    private readonly handlers: WechatPushHandlers,
    private readonly state: SharedState,
  ) {}

  @Get()
  verify(@Query({ schema: verifyQuerySchema }) query: z.output<typeof verifyQuerySchema>): string {
    this.checkSignature(this.settings(), query);
    return query.echostr;
  }

  @Post()
  @HttpCode(200)
  async receive(
    @Query({ schema: pushQuerySchema }) query: z.output<typeof pushQuerySchema>,
    @Body({ schema: pushBodySchema }) body: z.output<typeof pushBodySchema>,
  ): Promise<string> {
    const settings = this.settings();
    this.checkSignature(settings, query);
    const event = this.eventOf(settings, query, body);
    // A signed push is handled once, on whichever replica it reaches: the same timestamp and nonce
    // again (a replay within the five minutes, or WeChat's own retry of a handled push) is
    // acknowledged and ignored. A push whose handling failed is forgotten, so WeChat's retry runs.
    const key = `wechat:push:handled:${query.timestamp}:${query.nonce}`;
    const mark = await this.state.acquire(key, HANDLED_TTL_MS);
    if (mark === null) return 'success';
    try {
      await this.handlers.dispatch(event);
    } catch (error) {
      await this.state.release(key, mark);
      throw error;
    }
    return 'success';
  }

  private settings(): WechatPushConfig {
    if (!this.config.push) throw new AppError(ErrorCode.NotFound);
    return this.config.push;
  }

  private checkSignature(settings: WechatPushConfig, query: z.output<typeof signedQuerySchema>): void {
    const expected = pushSignature([settings.token, query.timestamp, query.nonce]);
    if (!signaturesMatch(expected, query.signature) || stale(query.timestamp)) {
      throw new AppError(ErrorCode.Forbidden);
    }
  }

  /** In safe mode only an encrypted event with its msg_signature is believed, never a plain one. */
  private eventOf(
    settings: WechatPushConfig,
    query: z.output<typeof pushQuerySchema>,
    body: z.output<typeof pushBodySchema>,
  ): WechatPushEvent {
    if (settings.encodingAesKey === null) return body;
    const encrypted = encryptedBodySchema.safeParse(body);
    if (query.encrypt_type !== 'aes' || !query.msg_signature || !encrypted.success) {
      throw new AppError(ErrorCode.Forbidden);
    }
    const expected = pushSignature([settings.token, query.timestamp, query.nonce, encrypted.data.Encrypt]);
    if (!signaturesMatch(expected, query.msg_signature)) throw new AppError(ErrorCode.Forbidden);
    const plain = decryptPush(settings.encodingAesKey, this.config.appid, encrypted.data.Encrypt);
    const event = plain === null ? null : pushBodySchema.safeParse(parseJson(plain));
    if (!event?.success) throw new AppError(ErrorCode.Forbidden);
    return event.data;
  }
}

function stale(timestamp: string): boolean {
  return Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_S;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
