import { randomBytes } from 'node:crypto';
import { ErrorCode } from '@itss/shared';
import { decryptPush, encryptPush } from '../../src/wechat/wechat-push';
import { codeOf } from '../contacts/fixtures';
import { type AuthEnv, startAuthEnv } from '../support/auth-env';
import { TEST_DB, TEST_PUSH_TOKEN } from '../support/harness';
import { articleRow } from '../submissions/support';
import {
  AES_KEY,
  SAFE_TOKEN,
  checkRow,
  mediaVerdict,
  pushEncrypted,
  pushPlain,
  signedQuery,
  startPushEnv,
  submissionWithImage,
} from './support';

describe('WeChat push encryption (WXBizMsgCrypt)', () => {
  it('decrypts what it encrypts, for its own appid only, and nothing tampered with', () => {
    const encrypted = encryptPush(AES_KEY, 'wx00000000000000d0', '{"Event":"wxa_media_check"}');
    expect(decryptPush(AES_KEY, 'wx00000000000000d0', encrypted)).toBe('{"Event":"wxa_media_check"}');
    expect(decryptPush(AES_KEY, 'wx0123456789abcdef', encrypted)).toBeNull();
    const other = randomBytes(32).toString('base64').slice(0, 43);
    expect(decryptPush(other, 'wx00000000000000d0', encrypted)).toBeNull();
    expect(decryptPush(AES_KEY, 'wx00000000000000d0', 'bm90IGEgY2lwaGVydGV4dA==')).toBeNull();
  });
});

describe(`WeChat message push on ${TEST_DB}`, () => {
  describe('plaintext mode', () => {
    let env: AuthEnv;
    beforeAll(async () => {
      env = await startPushEnv();
    });
    afterAll(() => env.close());

    it('answers WeChat’s URL check with the echo string, only when signed with the Token', async () => {
      const ok = await env.server.get(
        `/api/wechat/push?${new URLSearchParams({ ...signedQuery(), echostr: 'abc123' })}`,
      );
      expect([ok.status, ok.body]).toEqual([200, 'abc123']);
      const forged = await env.server.get(
        `/api/wechat/push?${new URLSearchParams({ ...signedQuery('notTheToken'), echostr: 'abc123' })}`,
      );
      expect(codeOf(forged)).toEqual([403, ErrorCode.Forbidden]);
      const old = signedQuery(TEST_PUSH_TOKEN, Math.floor(Date.now() / 1000) - 3600);
      const replayed = await env.server.get(
        `/api/wechat/push?${new URLSearchParams({ ...old, echostr: 'abc' })}`,
      );
      expect(codeOf(replayed)).toEqual([403, ErrorCode.Forbidden]);
    });

    it('keeps WeChat’s verdict on an image; anything but pass flags the submission', async () => {
      const passed = await submissionWithImage(env);
      const res = await pushPlain(env, mediaVerdict(passed.traceId, 'pass'));
      expect([res.status, res.body]).toEqual([200, 'success']);
      expect((await checkRow(env, passed.traceId))?.result).toBe('pass');
      expect((await articleRow(env, passed.id))?.contentFlagged).toBe(false);

      const risky = await submissionWithImage(env);
      expect((await pushPlain(env, mediaVerdict(risky.traceId, 'risky'))).status).toBe(200);
      expect((await checkRow(env, risky.traceId))?.result).toBe('risky');
      expect((await articleRow(env, risky.id))?.contentFlagged).toBe(true);
    });

    it('believes no unsigned push', async () => {
      const { id, traceId } = await submissionWithImage(env);
      const res = await pushPlain(env, mediaVerdict(traceId, 'risky'), signedQuery('notTheToken'));
      expect(codeOf(res)).toEqual([403, ErrorCode.Forbidden]);
      expect((await checkRow(env, traceId))?.result).toBeNull();
      expect((await articleRow(env, id))?.contentFlagged).toBe(false);
    });

    it('acknowledges events it does not handle, and verdicts for unknown trace ids', async () => {
      expect((await pushPlain(env, { MsgType: 'event', Event: 'user_enter_tempsession' })).body).toBe(
        'success',
      );
      expect((await pushPlain(env, mediaVerdict('unknown-trace', 'risky'))).body).toBe('success');
    });
  });

  describe('safe mode', () => {
    let env: AuthEnv;
    beforeAll(async () => {
      env = await startPushEnv(true);
    });
    afterAll(() => env.close());

    it('takes encrypted events signed over the ciphertext', async () => {
      const { id, traceId } = await submissionWithImage(env);
      const res = await pushEncrypted(env, mediaVerdict(traceId, 'review'), {
        token: SAFE_TOKEN,
        key: AES_KEY,
      });
      expect([res.status, res.body]).toEqual([200, 'success']);
      expect((await checkRow(env, traceId))?.result).toBe('review');
      expect((await articleRow(env, id))?.contentFlagged).toBe(true);
    });

    it('refuses a plain event, another appid’s, or one under another key', async () => {
      const { traceId } = await submissionWithImage(env);
      const event = mediaVerdict(traceId, 'risky');
      expect(codeOf(await pushPlain(env, event, signedQuery(SAFE_TOKEN)))).toEqual([
        403,
        ErrorCode.Forbidden,
      ]);
      const otherApp = await pushEncrypted(env, event, {
        token: SAFE_TOKEN,
        key: AES_KEY,
        appid: 'wx0123456789abcdef',
      });
      expect(codeOf(otherApp)).toEqual([403, ErrorCode.Forbidden]);
      const otherKey = randomBytes(32).toString('base64').slice(0, 43);
      expect(codeOf(await pushEncrypted(env, event, { token: SAFE_TOKEN, key: otherKey }))).toEqual([
        403,
        ErrorCode.Forbidden,
      ]);
      expect((await checkRow(env, traceId))?.result).toBeNull();
    });
  });

  describe('not configured', () => {
    let env: AuthEnv;
    beforeAll(async () => {
      env = await startAuthEnv((config) => ({ ...config, wechat: { ...config.wechat, push: null } }));
    });
    afterAll(() => env.close());

    it('does not exist', async () => {
      const res = await pushPlain(env, mediaVerdict('t', 'pass'));
      expect(codeOf(res)).toEqual([404, ErrorCode.NotFound]);
    });
  });
});
