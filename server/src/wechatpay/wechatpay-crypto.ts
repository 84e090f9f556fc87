import {
  type KeyObject,
  createCipheriv,
  createDecipheriv,
  createSign,
  createVerify,
  randomBytes,
} from 'node:crypto';
import { WechatPayVerifyError } from './wechatpay.types';

/**
 * WeChat Pay API v3's cryptography, both ways round: the client signs requests and verifies answers
 * and notifications; the stand-in verifies requests, signs answers and encrypts notifications. One
 * implementation for both, so the stand-in cannot drift from what the client sends.
 */

export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
/** How far a signed answer's or notification's timestamp may be from our clock. */
export const MAX_CLOCK_SKEW_S = 5 * 60;
const GCM_TAG_BYTES = 16;

/** WeChat Pay's signed text: each part followed by a newline, the last one too. */
export function signedText(...parts: string[]): string {
  return parts.map((part) => `${part}\n`).join('');
}

/** SHA256withRSA, base64. */
export function rsaSign(text: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(text, 'utf8').sign(privateKey, 'base64');
}

export function rsaVerify(text: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(text, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

/** A random string for nonce_str / nonceStr (WeChat allows up to 32 characters). */
export function nonce(): string {
  return randomBytes(16).toString('hex');
}

export function unixSeconds(at = Date.now()): number {
  return Math.floor(at / 1000);
}

export interface SigningKey {
  mchid: string;
  /** The merchant certificate's serial number. */
  serial: string;
  privateKey: KeyObject;
}

/** The `Authorization` header of a request: `path` is the URL's absolute path with its query. */
export function authorization(
  key: SigningKey,
  method: string,
  path: string,
  body: string,
  timestamp = unixSeconds(),
  nonceStr = nonce(),
): string {
  const signature = rsaSign(signedText(method, path, String(timestamp), nonceStr, body), key.privateKey);
  const fields = { mchid: key.mchid, nonce_str: nonceStr, signature, timestamp, serial_no: key.serial };
  return `${AUTH_SCHEME} ${Object.entries(fields)
    .map(([name, value]) => `${name}="${String(value)}"`)
    .join(',')}`;
}

export interface AuthorizationFields {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

/** The fields of an `Authorization` header; null when it is not WeChat Pay's scheme or lacks one. */
export function parseAuthorization(header: string | undefined): AuthorizationFields | null {
  if (!header?.startsWith(`${AUTH_SCHEME} `)) return null;
  const fields: Record<string, string> = {};
  for (const match of header.slice(AUTH_SCHEME.length + 1).matchAll(/(\w+)="([^"]*)"/g)) {
    fields[match[1]!] = match[2]!;
  }
  const { mchid, nonce_str, signature, timestamp, serial_no } = fields;
  if (!mchid || !nonce_str || !signature || !timestamp || !serial_no) return null;
  return { mchid, nonce_str, signature, timestamp, serial_no };
}

/** The `Wechatpay-*` headers WeChat Pay sends with an answer or a notification. */
export interface PlatformSignature {
  timestamp: string;
  nonce: string;
  signature: string;
  serial: string;
}

export interface PlatformKey {
  /** WeChat Pay's public key id (`PUB_KEY_ID_…`), sent as `Wechatpay-Serial`. */
  publicKeyId: string;
  privateKey: KeyObject;
}

/** Signs an answer or notification body as WeChat Pay does: `timestamp\nnonce\nbody\n`. */
export function platformHeaders(
  key: PlatformKey,
  body: string,
  timestamp = unixSeconds(),
  nonceStr = nonce(),
): Record<string, string> {
  return {
    'Wechatpay-Nonce': nonceStr,
    'Wechatpay-Timestamp': String(timestamp),
    'Wechatpay-Serial': key.publicKeyId,
    'Wechatpay-Signature': rsaSign(signedText(String(timestamp), nonceStr, body), key.privateKey),
    'Wechatpay-Signature-Type': AUTH_SCHEME,
  };
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** The `Wechatpay-*` headers of an answer or a notification; null when one is missing. */
export function platformSignature(headers: Headers): PlatformSignature | null {
  const timestamp = header(headers, 'Wechatpay-Timestamp');
  const nonceStr = header(headers, 'Wechatpay-Nonce');
  const signature = header(headers, 'Wechatpay-Signature');
  const serial = header(headers, 'Wechatpay-Serial');
  if (!timestamp || !nonceStr || !signature || !serial) return null;
  return { timestamp, nonce: nonceStr, signature, serial };
}

/**
 * Believes a body only if WeChat Pay's key signed it, recently: the serial must name the key we
 * hold (another would be a key we do not know), the timestamp be within five minutes of our clock
 * (an old, genuine body replayed is refused) and the signature verify over the exact bytes.
 */
export function verifyPlatformSignature(
  headers: Headers,
  body: string,
  key: { publicKeyId: string; publicKey: KeyObject },
  nowMs = Date.now(),
): void {
  const signed = platformSignature(headers);
  if (!signed) throw new WechatPayVerifyError('Wechatpay-* signature headers missing');
  if (signed.serial !== key.publicKeyId) {
    throw new WechatPayVerifyError(`Wechatpay-Serial ${signed.serial} is not our WeChat Pay public key id`);
  }
  if (!/^[0-9]{1,12}$/.test(signed.timestamp))
    throw new WechatPayVerifyError('Wechatpay-Timestamp malformed');
  if (Math.abs(unixSeconds(nowMs) - Number(signed.timestamp)) > MAX_CLOCK_SKEW_S) {
    throw new WechatPayVerifyError('Wechatpay-Timestamp more than 5 minutes from our clock');
  }
  const text = signedText(signed.timestamp, signed.nonce, body);
  if (!rsaVerify(text, signed.signature, key.publicKey)) {
    throw new WechatPayVerifyError('Wechatpay-Signature does not verify');
  }
}

/** AEAD_AES_256_GCM as WeChat Pay encrypts a notification's resource: base64 of ciphertext + tag. */
export function aesGcmEncrypt(
  apiV3Key: string,
  nonceStr: string,
  associatedData: string,
  plain: string,
): string {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonceStr, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return encrypted.toString('base64');
}

/** Decrypts a resource; any failure (wrong key, tampered text or data) is a WechatPayVerifyError. */
export function aesGcmDecrypt(
  apiV3Key: string,
  nonceStr: string,
  associatedData: string,
  ciphertext: string,
): string {
  const bytes = Buffer.from(ciphertext, 'base64');
  if (bytes.length <= GCM_TAG_BYTES) throw new WechatPayVerifyError('resource ciphertext too short');
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      Buffer.from(apiV3Key, 'utf8'),
      Buffer.from(nonceStr, 'utf8'),
    );
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - GCM_TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(0, bytes.length - GCM_TAG_BYTES)),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  } catch {
    throw new WechatPayVerifyError('resource does not decrypt with our APIv3 key');
  }
}

/** An instant as WeChat Pay writes it: RFC 3339 in Beijing time, `2026-12-07T18:30:00+08:00`. */
export function rfc3339Beijing(at: Date): string {
  const beijing = new Date(Math.floor(at.getTime() / 1000) * 1000 + 8 * 3600_000);
  return `${beijing.toISOString().slice(0, 19)}+08:00`;
}
