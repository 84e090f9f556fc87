import { type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { STANDIN_MCHID, standinWechatPayKeys } from '../wechatpay/standin/standin-keys';

/** WeChat Pay API v3 (JSAPI in the mini-program): the merchant's keys and WeChat Pay's. */
export interface WechatPayConfig {
  mchid: string;
  /** The JSAPI appid: WECHATPAY_APPID, else the mini-program's. */
  appid: string;
  /** The merchant API certificate's serial number, sent as `serial_no`. */
  merchantSerial: string;
  merchantPrivateKey: KeyObject;
  /** 32 bytes: decrypts notifications. */
  apiV3Key: string;
  /** WeChat Pay's public key, which signs its answers and notifications, and its id. */
  platformPublicKey: KeyObject;
  platformPublicKeyId: string;
  /** With serveStandin, createApp repoints it (and notifyUrl) at the address really bound. */
  apiBase: string;
  /** Where WeChat Pay posts payment and refund notifications. */
  notifyUrl: string;
  timeoutMs: number;
  /** Serve the local WeChat Pay stand-in at WECHATPAY_STANDIN_PREFIX (development without a merchant). */
  serveStandin: boolean;
}

export const WECHATPAY_API = 'https://api.mch.weixin.qq.com';
export const WECHATPAY_STANDIN_PREFIX = '/__wechatpay';
/** Our route WeChat Pay posts notifications to (payments and refunds alike). */
export const WECHATPAY_NOTIFY_PATH = '/api/payments/wechat/notify';

/** The environment keys of WeChat Pay, validated with the rest of the configuration. */
export const wechatPayKeys = {
  WECHATPAY_MCHID: z
    .string()
    .regex(/^[0-9]{8,12}$/, 'must be the merchant id (商户号, 8-12 digits)')
    .optional(),
  WECHATPAY_SERIAL: z
    .string()
    .regex(/^[0-9A-Fa-f]{8,64}$/, "must be the merchant API certificate's serial number (hex)")
    .optional(),
  WECHATPAY_PRIVATE_KEY: z.string().min(1).optional(),
  WECHATPAY_APIV3_KEY: z
    .string()
    .refine((key) => Buffer.byteLength(key, 'utf8') === 32, 'must be the 32-byte APIv3 key')
    .optional(),
  WECHATPAY_PUBLIC_KEY: z.string().min(1).optional(),
  WECHATPAY_PUBLIC_KEY_ID: z
    .string()
    .regex(/^PUB_KEY_ID_[0-9A-Za-z]{1,64}$/, "must be WeChat Pay's public key id (PUB_KEY_ID_…)")
    .optional(),
  WECHATPAY_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
  WECHATPAY_APPID: z
    .string()
    .regex(/^wx[0-9a-f]{16}$/, 'must be an appid like wx0123456789abcdef')
    .optional(),
};

type WechatPayEnv = z.output<z.ZodObject<typeof wechatPayKeys>>;

/** What the rest of the configuration decided that WeChat Pay depends on. */
interface Context {
  env: 'development' | 'production' | 'test';
  port: number;
  /** The mini-program's appid (the stand-in's when WeChat is played locally). */
  appid: string;
  publicUrl: string | undefined;
  timeoutMs: number;
  /** The WeChat stand-in is served: development without WeChat credentials. */
  wechatStandin: boolean;
}

type Problem = { key: string; message: string };

const REQUIRED = [
  'WECHATPAY_SERIAL',
  'WECHATPAY_PRIVATE_KEY',
  'WECHATPAY_APIV3_KEY',
  'WECHATPAY_PUBLIC_KEY',
  'WECHATPAY_PUBLIC_KEY_ID',
] as const;

/** A PEM given as its text (literal `\n` allowed, as one-line .env files write it) or as a file path. */
function readPem(value: string): string {
  const text = value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
  return text.replaceAll('\\n', '\n');
}

function readKey(
  key: 'WECHATPAY_PRIVATE_KEY' | 'WECHATPAY_PUBLIC_KEY',
  value: string,
  problems: Problem[],
): KeyObject | null {
  let pem: string;
  try {
    pem = readPem(value);
  } catch {
    problems.push({ key, message: 'is neither PEM text nor a readable file' });
    return null;
  }
  try {
    const parsed = key === 'WECHATPAY_PRIVATE_KEY' ? createPrivateKey(pem) : createPublicKey(pem);
    if (parsed.asymmetricKeyType === 'rsa') return parsed;
    problems.push({ key, message: 'must be an RSA key' });
  } catch {
    problems.push({
      key,
      message:
        key === 'WECHATPAY_PRIVATE_KEY'
          ? 'is not a PEM private key (apiclient_key.pem)'
          : "is not a PEM public key (WeChat Pay's pub_key.pem)",
    });
  }
  return null;
}

/**
 * WeChat Pay is on with a merchant (every key required, in every mode: a development server may be
 * pointed at another WeChat Pay double), on against the local stand-in in development without one,
 * and off otherwise (bank transfer only). Problems are added to the caller's list.
 */
export function wechatPayConfig(
  c: WechatPayEnv,
  context: Context,
  problems: Problem[],
): WechatPayConfig | null {
  const notifyBase = (context.publicUrl ?? `http://127.0.0.1:${context.port}`).replace(/\/$/, '');
  if (!c.WECHATPAY_MCHID) {
    for (const key of [...REQUIRED, 'WECHATPAY_API_BASE', 'WECHATPAY_APPID'] as const) {
      // Keys without a merchant would be silently ignored (and the stand-in used in development).
      if (c[key] !== undefined) problems.push({ key, message: 'needs WECHATPAY_MCHID' });
    }
    if (!context.wechatStandin) return null;
    const keys = standinWechatPayKeys();
    return {
      mchid: STANDIN_MCHID,
      appid: context.appid,
      merchantSerial: keys.merchant.serial,
      merchantPrivateKey: keys.merchant.privateKey,
      apiV3Key: keys.apiV3Key,
      platformPublicKey: keys.platform.publicKey,
      platformPublicKeyId: keys.platform.publicKeyId,
      apiBase: `http://127.0.0.1:${context.port}${WECHATPAY_STANDIN_PREFIX}`,
      notifyUrl: `http://127.0.0.1:${context.port}${WECHATPAY_NOTIFY_PATH}`,
      timeoutMs: context.timeoutMs,
      serveStandin: true,
    };
  }
  const before = problems.length;
  for (const key of REQUIRED) {
    if (c[key] === undefined) problems.push({ key, message: 'required with WECHATPAY_MCHID' });
  }
  if (context.env === 'production' && !context.publicUrl?.startsWith('https://')) {
    problems.push({
      key: 'PUBLIC_URL',
      message: 'required (https://…) with WECHATPAY_MCHID: WeChat Pay posts notifications to it',
    });
  }
  if (context.env === 'production' && c.WECHATPAY_API_BASE && !c.WECHATPAY_API_BASE.startsWith('https://')) {
    problems.push({ key: 'WECHATPAY_API_BASE', message: 'must be https in production' });
  }
  const privateKey = c.WECHATPAY_PRIVATE_KEY
    ? readKey('WECHATPAY_PRIVATE_KEY', c.WECHATPAY_PRIVATE_KEY, problems)
    : null;
  const publicKey = c.WECHATPAY_PUBLIC_KEY
    ? readKey('WECHATPAY_PUBLIC_KEY', c.WECHATPAY_PUBLIC_KEY, problems)
    : null;
  const { WECHATPAY_SERIAL: serial, WECHATPAY_APIV3_KEY: apiV3Key, WECHATPAY_PUBLIC_KEY_ID: keyId } = c;
  if (problems.length > before || !serial || !apiV3Key || !keyId || !privateKey || !publicKey) return null;
  return {
    mchid: c.WECHATPAY_MCHID,
    appid: c.WECHATPAY_APPID ?? context.appid,
    merchantSerial: serial,
    merchantPrivateKey: privateKey,
    apiV3Key,
    platformPublicKey: publicKey,
    platformPublicKeyId: keyId,
    apiBase: (c.WECHATPAY_API_BASE ?? WECHATPAY_API).replace(/\/$/, ''),
    notifyUrl: notifyBase + WECHATPAY_NOTIFY_PATH,
    timeoutMs: context.timeoutMs,
    serveStandin: false,
  };
}
