import { randomBytes, randomUUID } from 'node:crypto';
import type { WechatPayStandinDelivery } from '@itss/shared';
import {
  type PlatformKey,
  aesGcmEncrypt,
  platformHeaders,
  rfc3339Beijing,
  unixSeconds,
} from '../wechatpay-crypto';

/**
 * WeChat Pay's notifications, made as WeChat Pay makes them: the resource encrypted with the
 * APIv3 key (AEAD_AES_256_GCM), the envelope signed with WeChat Pay's key in `Wechatpay-*` headers.
 * Exported piece by piece so tests can craft tampered, replayed and wrongly keyed ones.
 */

export type ResourceType = 'transaction' | 'refund';

export interface EncryptedResource {
  original_type: ResourceType;
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: ResourceType;
  nonce: string;
}

/** WeChat Pay's 12-character nonce (the GCM IV), random letters and digits. */
function gcmNonce(): string {
  return randomBytes(9).toString('base64url').slice(0, 12);
}

export function encryptResource(apiV3Key: string, type: ResourceType, plain: object): EncryptedResource {
  const nonce = gcmNonce();
  return {
    original_type: type,
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: aesGcmEncrypt(apiV3Key, nonce, type, JSON.stringify(plain)),
    associated_data: type,
    nonce,
  };
}

const SUMMARY: Record<string, string> = {
  'TRANSACTION.SUCCESS': '支付成功',
  'REFUND.SUCCESS': '退款成功',
  'REFUND.ABNORMAL': '退款异常',
  'REFUND.CLOSED': '退款关闭',
};

/** The envelope's JSON text, exactly the bytes that are signed and sent. */
export function notificationBody(
  eventType: string,
  resource: EncryptedResource,
  options: { id?: string; createdAt?: Date } = {},
): string {
  return JSON.stringify({
    id: options.id ?? randomUUID(),
    create_time: rfc3339Beijing(options.createdAt ?? new Date()),
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: SUMMARY[eventType] ?? eventType,
    resource,
  });
}

export interface CraftedNotification {
  headers: Record<string, string>;
  body: string;
}

/** A whole notification: `plain` encrypted with `apiV3Key`, the body signed with `platform`. */
export function craftNotification(input: {
  eventType: string;
  plain: object;
  apiV3Key: string;
  platform: PlatformKey;
  /** Unix seconds of `Wechatpay-Timestamp`; now by default. */
  timestamp?: number;
  id?: string;
}): CraftedNotification {
  const type: ResourceType = input.eventType.startsWith('REFUND.') ? 'refund' : 'transaction';
  const body = notificationBody(input.eventType, encryptResource(input.apiV3Key, type, input.plain), {
    ...(input.id && { id: input.id }),
  });
  return { body, headers: platformHeaders(input.platform, body, input.timestamp ?? unixSeconds()) };
}

/** Re-signs a body (tampered by a test, say) with a given key, at a given time. */
export function signNotification(
  body: string,
  platform: PlatformKey,
  timestamp?: number,
): Record<string, string> {
  return platformHeaders(platform, body, timestamp ?? unixSeconds());
}

/** When WeChat Pay tries again after an answer other than 2xx (its real schedule runs 24 hours). */
const RETRY_AFTER_MS = [1000, 3000];
const DELIVERY_TIMEOUT_MS = 5000;

/**
 * Posts notifications to the merchant in the background, as WeChat Pay does, retrying a few times
 * when the answer is not 2xx, and keeps what became of each for the control API. `close()` stops
 * every pending attempt, so the server it runs in can shut down.
 */
export class Postman {
  private readonly deliveries: WechatPayStandinDelivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborts = new Set<AbortController>();
  private closed = false;

  constructor(private readonly platform: () => PlatformKey) {}

  /** Sends the same notification (one id) `copies` times at once, as WeChat Pay's duplicates arrive. */
  send(url: string, eventType: string, resource: EncryptedResource, subject: string, copies: number): string {
    const id = randomUUID();
    const body = notificationBody(eventType, resource, { id });
    for (let copy = 0; copy < copies; copy += 1) {
      const delivery: WechatPayStandinDelivery = { id, eventType, subject, url, attempts: [] };
      this.deliveries.push(delivery);
      this.attempt(delivery, body, 0);
    }
    return id;
  }

  list(): WechatPayStandinDelivery[] {
    return this.deliveries;
  }

  clear(): void {
    this.deliveries.length = 0;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const abort of this.aborts) abort.abort();
  }

  private attempt(delivery: WechatPayStandinDelivery, body: string, retry: number): void {
    if (this.closed) return;
    const abort = new AbortController();
    this.aborts.add(abort);
    // Signed at each attempt: a retry carries a fresh timestamp, as WeChat Pay's do.
    const headers = { 'content-type': 'application/json', ...platformHeaders(this.platform(), body) };
    void fetch(delivery.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.any([abort.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      })
      .catch(() => 0)
      .then((status) => {
        this.aborts.delete(abort);
        delivery.attempts.push(status);
        const wait = RETRY_AFTER_MS[retry];
        if ((status >= 200 && status < 300) || wait === undefined || this.closed) return;
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.attempt(delivery, body, retry + 1);
        }, wait);
        this.timers.add(timer);
      });
  }
}
