import { OPENID_MAX_LENGTH, errorBodySchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { type AuthEnv, loginCode, postJson, startAuthEnv } from '../support/auth-env';

/**
 * `users.openid` is VARCHAR(64): MariaDB refuses a longer value with an error (a 500), SQLite stores
 * it. Every way an openid enters is checked before it reaches the database, on both.
 */
const TOO_LONG = `o_${'x'.repeat(OPENID_MAX_LENGTH - 1)}`;
const LONGEST = `o_${'x'.repeat(OPENID_MAX_LENGTH - 2)}`;

async function userCount(env: AuthEnv): Promise<number> {
  const rows = await env.server.app
    .get(DataSource)
    .query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM users');
  return Number(rows[0]?.n);
}

describe('an openid that would not fit', () => {
  describe('from WeChat (code2Session)', () => {
    let env: AuthEnv;
    beforeAll(async () => {
      env = await startAuthEnv();
    });
    afterAll(() => env.close());

    it('is refused as a faulty answer (503), writing nothing; 64 characters still log in', async () => {
      const res = await postJson(env, '/api/auth/wechat', { code: await loginCode(env, TOO_LONG) });
      expect([res.status, errorBodySchema.parse(res.body).code]).toEqual([503, 'WECHAT_UNAVAILABLE']);
      expect(await userCount(env)).toBe(0);
      const ok = await postJson(env, '/api/auth/wechat', { code: await loginCode(env, LONGEST) });
      expect(ok.status).toBe(200);
    });
  });

  describe('from the cloud-hosting header (x-wx-openid)', () => {
    let env: AuthEnv;
    beforeAll(async () => {
      env = await startAuthEnv((config) => ({ ...config, wechat: { ...config.wechat, cloudHosting: true } }));
    });
    afterAll(() => env.close());

    it('counts as no trusted caller (401), writing nothing', async () => {
      for (const openid of [TOO_LONG, 'o_with space']) {
        const res = await postJson(env, '/api/auth/wechat', {}, { 'x-wx-openid': openid });
        expect([openid, res.status]).toEqual([openid, 401]);
        const me = await env.server.get('/api/me', { headers: { 'x-wx-openid': openid } });
        expect([openid, me.status]).toEqual([openid, 401]);
      }
      expect(await userCount(env)).toBe(0);
      const ok = await postJson(env, '/api/auth/wechat', {}, { 'x-wx-openid': LONGEST });
      expect(ok.status).toBe(200);
    });
  });
});
