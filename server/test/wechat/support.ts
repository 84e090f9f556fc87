import { randomBytes } from 'node:crypto';
import { encryptPush, pushSignature } from '../../src/wechat/wechat-push';
import { STANDIN_APPID } from '../../src/config/config';
import type { AuthEnv } from '../support/auth-env';
import { TEST_PUSH_TOKEN } from '../support/harness';

/** The query WeChat signs a push with, now (or at `at`, seconds since the epoch). */
export function signedQuery(token = TEST_PUSH_TOKEN, at = Math.floor(Date.now() / 1000)) {
  const timestamp = String(at);
  const nonce = randomBytes(6).toString('hex');
  return { signature: pushSignature([token, timestamp, nonce]), timestamp, nonce };
}

/** A wxa_media_check event (version 2) as WeChat pushes it. */
export function mediaVerdict(traceId: string, suggest: 'pass' | 'review' | 'risky'): Record<string, unknown> {
  return {
    ToUserName: 'gh_0000000000d0',
    FromUserName: 'o_platform',
    CreateTime: Math.floor(Date.now() / 1000),
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
  { token, key, appid = STANDIN_APPID }: { token: string; key: string; appid?: string },
) {
  const encrypted = encryptPush(key, appid, JSON.stringify(event));
  const query = signedQuery(token);
  const msgSignature = pushSignature([token, query.timestamp, query.nonce, encrypted]);
  return pushPlain(
    env,
    { ToUserName: 'gh_0000000000d0', Encrypt: encrypted },
    { ...query, encrypt_type: 'aes', msg_signature: msgSignature },
  );
}
