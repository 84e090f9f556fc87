import type { AuthEnv } from '../support/auth-env';
import { TEST_DB } from '../support/harness';
import { articleRow } from '../submissions/support';
import {
  AES_KEY,
  SAFE_TOKEN,
  checkRow,
  encryptedPush,
  mediaVerdict,
  pushPlain,
  signedQuery,
  startPushEnv,
  submissionWithImage,
} from './support';

const nowS = () => Math.floor(Date.now() / 1000);

describe(`WeChat pushes sent again, on ${TEST_DB}`, () => {
  describe('plaintext mode', () => {
    let env: AuthEnv;
    beforeAll(async () => {
      env = await startPushEnv();
    });
    afterAll(() => env.close());

    it('handles a signed push once: the same signature again is acknowledged and ignored, whatever body it carries', async () => {
      const { id, traceId } = await submissionWithImage(env);
      const query = signedQuery();
      const first = await pushPlain(env, mediaVerdict(traceId, 'pass'), query);
      expect([first.status, first.body]).toEqual([200, 'success']);
      expect((await checkRow(env, traceId))?.result).toBe('pass');
      // In plaintext mode WeChat signs the timestamp and nonce only: the body of a replay is anyone's.
      const replayed = await pushPlain(env, mediaVerdict(traceId, 'risky'), query);
      expect([replayed.status, replayed.body]).toEqual([200, 'success']);
      expect((await checkRow(env, traceId))?.result).toBe('pass');
      expect((await articleRow(env, id))?.contentFlagged).toBe(false);
    });

    it('never lets an older verdict replace a newer one', async () => {
      const { id, traceId } = await submissionWithImage(env);
      expect((await pushPlain(env, mediaVerdict(traceId, 'review', nowS()))).body).toBe('success');
      expect((await pushPlain(env, mediaVerdict(traceId, 'pass', nowS() - 120))).body).toBe('success');
      expect((await checkRow(env, traceId))?.result).toBe('review');
      expect((await articleRow(env, id))?.contentFlagged).toBe(true);
      // A newer one is kept.
      expect((await pushPlain(env, mediaVerdict(traceId, 'risky', nowS() + 1))).body).toBe('success');
      expect((await checkRow(env, traceId))?.result).toBe('risky');
    });
  });

  describe('safe mode', () => {
    let env: AuthEnv;
    beforeAll(async () => {
      env = await startPushEnv(true);
    });
    afterAll(() => env.close());

    it('handles an encrypted push once; the same request again is acknowledged and ignored', async () => {
      const { id, traceId } = await submissionWithImage(env);
      const old = encryptedPush(mediaVerdict(traceId, 'risky', nowS() - 60), {
        token: SAFE_TOKEN,
        key: AES_KEY,
      });
      expect((await pushPlain(env, old.body, old.query)).body).toBe('success');
      expect((await checkRow(env, traceId))?.result).toBe('risky');
      // Staff cleared it, then WeChat's newer verdict said pass; the old one sent again changes nothing.
      const newer = encryptedPush(mediaVerdict(traceId, 'pass'), { token: SAFE_TOKEN, key: AES_KEY });
      expect((await pushPlain(env, newer.body, newer.query)).body).toBe('success');
      expect((await checkRow(env, traceId))?.result).toBe('pass');
      const replayed = await pushPlain(env, old.body, old.query);
      expect([replayed.status, replayed.body]).toEqual([200, 'success']);
      expect((await checkRow(env, traceId))?.result).toBe('pass');
      expect((await articleRow(env, id))?.contentFlagged).toBe(true);
    });
  });
});
