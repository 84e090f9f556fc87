import { randomBytes } from 'node:crypto';
import type QRCode from 'qrcode';
import { z } from 'zod';

/**
 * What the stand-in holds the client to, as WeChat does: its errcodes and their words, the shapes of
 * the requests it takes, the limits of a subscribe message's fields, the rules of a code's scene and
 * page, the labels of its content checks.
 */

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40226: 'invalid user',
  41001: 'access_token missing',
  41008: 'missing code',
  40129: 'invalid scene',
  40169: 'invalid length for scene, or the data is not json string',
  41030: 'invalid page',
  42001: 'access_token expired',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  47003: 'argument invalid!',
};

/** WeChat appends a request id to every errmsg; the client must not depend on the wording. */
export function wechatError(errcode: number): { errcode: number; errmsg: string } {
  return { errcode, errmsg: `${ERRMSG[errcode] ?? 'error'} rid: ${randomBytes(12).toString('hex')}` };
}

/** The labels WeChat gives: 100 normal; 20001 politics stands in for every finding. */
export const CONTENT_LABEL = { pass: 100, review: 20001, risky: 20001 } as const;

export const contentCheckBodySchema = z.object({
  content: z.string().min(1).max(2500),
  version: z.literal(2),
  scene: z.number().int().min(1).max(4),
  openid: z.string().optional(),
  title: z.string().optional(),
});
export const mediaCheckBodySchema = z.object({
  media_url: z.url(),
  media_type: z.union([z.literal(1), z.literal(2)]),
  version: z.literal(2),
  scene: z.number().int().min(1).max(4),
  openid: z.string().optional(),
});

export function traceId(): string {
  return `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

/** WeChat's rule for a code's scene, and for its page: a path of the package, without a leading slash. */
export const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]+$/;
export const PAGE = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

/**
 * pngjs's options reach the encoder through rendererOpts (the typings name only two). Filter type 0
 * skips the per-row filter search, which made each code cost 200 ms under jest and broke the test
 * timeouts of WeChat calls; a QR code's flat rows gain nothing from filtering anyway.
 */
export const CODE_PNG: QRCode.QRCodeToBufferOptions = {
  type: 'png',
  rendererOpts: { filterType: 0 } as NonNullable<QRCode.QRCodeToBufferOptions['rendererOpts']>,
};

export const codeBodySchema = z.object({
  scene: z.string().optional(),
  page: z.string().optional(),
  check_path: z.boolean().optional(),
  env_version: z.enum(['release', 'trial', 'develop']).optional(),
  width: z.number().int().optional(),
});

export const subscribeBodySchema = z.object({
  touser: z.string().min(1),
  template_id: z.string().min(1),
  page: z.string().optional(),
  data: z.record(z.string(), z.object({ value: z.string() })),
  miniprogram_state: z.enum(['developer', 'trial', 'formal']).optional(),
  lang: z.string().optional(),
});

/**
 * WeChat's limits on a template field by its kind (the key without its number): a value past them
 * is refused with 47003, so the server must fit its text to the template.
 */
const FIELD_RULES: Record<string, (value: string) => boolean> = {
  thing: (v) => v.length >= 1 && [...v].length <= 20,
  phrase: (v) => v.length >= 1 && [...v].length <= 5 && /^[\u4e00-\u9fa5]+$/.test(v),
  name: (v) => v.length >= 1 && [...v].length <= 10,
  character_string: (v) => /^[0-9A-Za-z_-]{1,32}$/.test(v),
  number: (v) => /^[0-9.]{1,32}$/.test(v),
  time: (v) => /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(v) || /^\d{4}年\d{1,2}月\d{1,2}日/.test(v),
  date: (v) => /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(v) || /^\d{4}年\d{1,2}月\d{1,2}日/.test(v),
};

export function fieldIsValid(key: string, value: string): boolean {
  const kind = key.replace(/\d+$/, '');
  return (FIELD_RULES[kind] ?? FIELD_RULES.thing)!(value);
}

export const stableTokenBodySchema = z
  .object({
    grant_type: z.string(),
    appid: z.string(),
    secret: z.string(),
    force_refresh: z.boolean(),
  })
  .partial();
export const phoneBodySchema = z.object({ code: z.string().optional() });
