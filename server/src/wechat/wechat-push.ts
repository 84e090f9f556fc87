import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';

/**
 * WeChat's message push (消息推送) in JSON format: how WeChat signs and, in safe mode (安全模式),
 * encrypts what it pushes to the server — the WXBizMsgCrypt scheme. Pure functions, so the stand-in
 * side of a test can sign and encrypt exactly as WeChat does.
 */

/** Push settings from the WeChat console: the Token, and the EncodingAESKey in safe mode. */
export interface WechatPushConfig {
  token: string;
  /** The 43-character EncodingAESKey; null in plaintext mode. */
  encodingAesKey: string | null;
}

/** sha1 of the parts sorted and joined: WeChat's `signature` (token, timestamp, nonce) and `msg_signature` (plus Encrypt). */
export function pushSignature(parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

export function signaturesMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The 32-byte AES key; its first 16 bytes are the IV. */
function aesKey(encodingAesKey: string): Buffer {
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

/** PKCS#7 to a 32-byte block, as WXBizMsgCrypt pads (not AES's own 16). */
const BLOCK = 32;

/** random(16) + length(4, big-endian) + message + appid, AES-256-CBC, base64. */
export function encryptPush(encodingAesKey: string, appid: string, message: string): string {
  const key = aesKey(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(appid, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
}

/** The message inside, or null when it does not decrypt or was meant for another appid. */
export function decryptPush(encodingAesKey: string, appid: string, encrypted: string): string | null {
  try {
    const key = aesKey(encodingAesKey);
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
    const pad = padded.at(-1) ?? 0;
    if (pad < 1 || pad > BLOCK) return null;
    const plain = padded.subarray(0, padded.length - pad);
    const length = plain.readUInt32BE(16);
    if (20 + length > plain.length) return null;
    if (plain.subarray(20 + length).toString('utf8') !== appid) return null;
    return plain.subarray(20, 20 + length).toString('utf8');
  } catch {
    return null;
  }
}

/** One pushed event, as WeChat sends it in JSON format. */
export type WechatPushEvent = Record<string, unknown> & { Event?: unknown };
export type WechatPushHandler = (event: WechatPushEvent) => Promise<void>;

/**
 * Features say which pushed events they handle (the articles feature: wxa_media_check); the push
 * route hands each verified event to its handler. One app has one push URL for every event.
 */
@Injectable()
export class WechatPushHandlers {
  private readonly logger = new Logger(WechatPushHandlers.name);
  private readonly handlers = new Map<string, WechatPushHandler>();

  on(event: string, handler: WechatPushHandler): void {
    this.handlers.set(event, handler);
  }

  /** An event nobody handles is acknowledged and dropped: WeChat would otherwise retry it. */
  async dispatch(event: WechatPushEvent): Promise<void> {
    const name = typeof event.Event === 'string' ? event.Event : '';
    const handler = this.handlers.get(name);
    if (!handler) {
      this.logger.debug(`WeChat push ${name || '(no event)'} has no handler`);
      return;
    }
    await handler(event);
  }
}
