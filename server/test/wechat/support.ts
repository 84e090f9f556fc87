import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SubmissionMediaCheckEntity } from '../../src/modules/articles/submission-media-check.entity';
import { encryptPush, pushSignature } from '../../src/wechat/wechat-push';
import { STANDIN_APPID } from '../../src/config/config';
import { type AuthEnv, startAuthEnv } from '../support/auth-env';
import { TEST_PUSH_TOKEN } from '../support/harness';
import { uploadLicence } from '../support/joining';
import { contentChecks, submissionBody, submit, unitWithContact } from '../submissions/support';

export const AES_KEY = randomBytes(32).toString('base64').slice(0, 43);
export const SAFE_TOKEN = 'safeModeToken';

/** The server with image checks on, and the push in plaintext mode or, with `safe`, in safe mode. */
export function startPushEnv(safe = false): Promise<AuthEnv> {
  return startAuthEnv((config) => ({
    ...config,
    wechat: {
      ...config.wechat,
      mediaCheck: { publicUrl: 'https://itss.example.org' },
      ...(safe && { push: { token: SAFE_TOKEN, encodingAesKey: AES_KEY } }),
    },
  }));
}

/** A submission with a cover sent to WeChat's image check, and the trace id WeChat gave it. */
export async function submissionWithImage(env: AuthEnv): Promise<{ id: number; traceId: string }> {
  const { contact } = await unitWithContact(env);
  const before = (await contentChecks(env)).length;
  const { id } = await submit(
    env,
    contact.token,
    submissionBody({ coverFileId: await uploadLicence(env, contact.token) }),
  );
  const check = (await contentChecks(env)).slice(before).find((c) => c.endpoint === 'media_check_async');
  if (!check) throw new Error('no image check was asked for');
  return { id, traceId: check.traceId };
}

export function checkRow(env: AuthEnv, traceId: string) {
  return env.server.app.get(DataSource).getRepository(SubmissionMediaCheckEntity).findOneBy({ traceId });
}

/** The query WeChat signs a push with, now (or at `at`, seconds since the epoch). */
export function signedQuery(token = TEST_PUSH_TOKEN, at = Math.floor(Date.now() / 1000)) {
  const timestamp = String(at);
  const nonce = randomBytes(6).toString('hex');
  return { signature: pushSignature([token, timestamp, nonce]), timestamp, nonce };
}

/** A wxa_media_check event (version 2) as WeChat pushes it (now, or created at `at` in epoch seconds). */
export function mediaVerdict(
  traceId: string,
  suggest: 'pass' | 'review' | 'risky',
  at = Math.floor(Date.now() / 1000),
): Record<string, unknown> {
  return {
    ToUserName: 'gh_0000000000d0',
    FromUserName: 'o_platform',
    CreateTime: at,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: STANDIN_APPID,
    trace_id: traceId,
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest, label: suggest === 'pass' ? 100 : 20002 }],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
  };
}

/** A plaintext-mode push. */
export function pushPlain(env: AuthEnv, event: unknown, query: Record<string, string> = signedQuery()) {
  return env.server.get(`/api/wechat/push?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
}

/** A safe-mode push: encrypted with the key, signed over the ciphertext too. */
export function pushEncrypted(
  env: AuthEnv,
  event: unknown,
  options: { token: string; key: string; appid?: string },
) {
  const { body, query } = encryptedPush(event, options);
  return pushPlain(env, body, query);
}

/** The body and query of a safe-mode push, to send (or send again) with `pushPlain`. */
export function encryptedPush(
  event: unknown,
  { token, key, appid = STANDIN_APPID }: { token: string; key: string; appid?: string },
) {
  const encrypted = encryptPush(key, appid, JSON.stringify(event));
  const query = signedQuery(token);
  const msgSignature = pushSignature([token, query.timestamp, query.nonce, encrypted]);
  return {
    body: { ToUserName: 'gh_0000000000d0', Encrypt: encrypted },
    query: { ...query, encrypt_type: 'aes', msg_signature: msgSignature },
  };
}
