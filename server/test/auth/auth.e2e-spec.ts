import { createHash } from 'node:crypto';
import { errorBodySchema, loginResponseSchema, meSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { SessionEntity } from '../../src/modules/auth/session.entity';
import { UserEntity, UserRoleEntity } from '../../src/modules/users/user.entity';
import {
  type AuthEnv,
  bearer,
  fault,
  login,
  loginCode,
  postJson,
  standinStats,
  startAuthEnv,
} from '../support/auth-env';

async function counts(env: AuthEnv) {
  const ds = env.server.app.get(DataSource);
  return {
    users: await ds.getRepository(UserEntity).count(),
    sessions: await ds.getRepository(SessionEntity).count(),
    audit: await ds.getRepository(AuditEntity).count(),
    roles: await ds.getRepository(UserRoleEntity).count(),
  };
}

describe('WeChat login and sessions', () => {
  let env: AuthEnv;
  beforeEach(async () => {
    env = await startAuthEnv();
  });
  afterEach(() => env.close());

  it('exchanges a code for a session: random token stored hashed, audit entry, no phone call', async () => {
    const res = await postJson(env, '/api/auth/wechat', { code: await loginCode(env, 'o_alice') });
    expect(res.status).toBe(200);
    const body = loginResponseSchema.parse(res.body);
    expect(Buffer.from(body.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(body.user).toMatchObject({ displayName: '微信用户', roles: [], phoneMasked: null });
    expect(JSON.stringify(body)).not.toMatch(/session_?key/i);

    const ds = env.server.app.get(DataSource);
    const [session] = await ds.getRepository(SessionEntity).find();
    expect(session?.tokenHash).toBe(createHash('sha256').update(body.token).digest('hex'));
    expect(JSON.stringify(await ds.query('SELECT * FROM sessions'))).not.toContain(body.token);
    const audit = await ds.getRepository(AuditEntity).find();
    expect(audit.map((a) => a.action)).toEqual(['auth.login']);
    expect((await standinStats(env)).getuserphonenumber ?? 0).toBe(0);

    const me = await env.server.get('/api/me', { headers: bearer(body.token) });
    expect(meSchema.parse(me.body).id).toBe(body.user.id);
  });

  it('logs the same person in again to the same account', async () => {
    const first = await login(env, 'o_bob');
    const second = await login(env, 'o_bob');
    expect(second.user.id).toBe(first.user.id);
    expect(second.token).not.toBe(first.token);
  });

  it.each([
    ['missing', {}],
    ['empty', { code: '' }],
    ['forged', { code: 'forged-code-0000' }],
  ])('refuses a %s code with 401 and writes nothing', async (_label, body) => {
    const res = await postJson(env, '/api/auth/wechat', body);
    expect(res.status).toBe(401);
    expect(errorBodySchema.parse(res.body).code).toBe('WECHAT_CODE_INVALID');
    expect(await counts(env)).toEqual({ users: 0, sessions: 0, audit: 0, roles: 0 });
  });

  it('refuses a reused code with 401', async () => {
    const code = await loginCode(env, 'o_carol');
    expect((await postJson(env, '/api/auth/wechat', { code })).status).toBe(200);
    const again = await postJson(env, '/api/auth/wechat', { code });
    expect(again.status).toBe(401);
    expect(errorBodySchema.parse(again.body).code).toBe('WECHAT_CODE_INVALID');
  });

  it.each([
    ['an oversized code', { code: 'x'.repeat(200) }],
    ['an unknown key', { code: 'abc', openid: 'o_admin' }],
    ['a non-string code', { code: 42 }],
    ['an array body', '[]'],
    ['malformed JSON', '{"code":'],
  ])('answers 400 to %s and writes nothing', async (_label, body) => {
    const res = await postJson(env, '/api/auth/wechat', body);
    expect(res.status).toBe(400);
    expect(['VALIDATION_FAILED', 'BAD_REQUEST']).toContain(errorBodySchema.parse(res.body).code);
    expect(await counts(env)).toEqual({ users: 0, sessions: 0, audit: 0, roles: 0 });
  });

  it.each([
    [45011, 429, 'RATE_LIMITED'],
    [40226, 403, 'WECHAT_USER_RESTRICTED'],
    [40029, 401, 'WECHAT_CODE_INVALID'],
  ])('maps WeChat errcode %d to %d %s and writes nothing', async (errcode, status, code) => {
    await fault(env, 'jscode2session', { errcode });
    const res = await postJson(env, '/api/auth/wechat', { code: await loginCode(env, 'o_dave') });
    expect(res.status).toBe(status);
    expect(errorBodySchema.parse(res.body).code).toBe(code);
    expect(await counts(env)).toEqual({ users: 0, sessions: 0, audit: 0, roles: 0 });
  });

  it('answers 503 when WeChat stays busy, and writes nothing', async () => {
    await fault(env, 'jscode2session', { errcode: -1, times: 2 });
    const res = await postJson(env, '/api/auth/wechat', { code: await loginCode(env, 'o_erin') });
    expect(res.status).toBe(503);
    expect(errorBodySchema.parse(res.body).code).toBe('WECHAT_UNAVAILABLE');
    expect(await counts(env)).toEqual({ users: 0, sessions: 0, audit: 0, roles: 0 });
  });

  it('refuses a tampered token, an expired one and an idle one', async () => {
    const { token } = await login(env, 'o_frank');
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    const bad = await env.server.get('/api/me', { headers: bearer(tampered) });
    expect([bad.status, errorBodySchema.parse(bad.body).code]).toEqual([401, 'UNAUTHENTICATED']);

    const sessions = env.server.app.get(DataSource).getRepository(SessionEntity);
    const tokenHash = createHash('sha256').update(token).digest('hex');
    await sessions.update({ tokenHash }, { lastSeenAt: new Date(Date.now() - 8 * 24 * 3600 * 1000) });
    const idle = await env.server.get('/api/me', { headers: bearer(token) });
    expect([idle.status, errorBodySchema.parse(idle.body).code]).toEqual([401, 'SESSION_EXPIRED']);

    const fresh = await login(env, 'o_frank');
    await sessions.update(
      { tokenHash: createHash('sha256').update(fresh.token).digest('hex') },
      { expiresAt: new Date(Date.now() - 1000) },
    );
    const expired = await env.server.get('/api/me', { headers: bearer(fresh.token) });
    expect([expired.status, errorBodySchema.parse(expired.body).code]).toEqual([401, 'SESSION_EXPIRED']);
  });

  it('ends the session on logout', async () => {
    const { token } = await login(env, 'o_grace');
    expect(
      (await env.server.get('/api/auth/logout', { method: 'POST', headers: bearer(token) })).status,
    ).toBe(204);
    expect((await env.server.get('/api/me', { headers: bearer(token) })).status).toBe(401);
  });

  it('ignores x-wx-openid outside cloud hosting', async () => {
    await login(env, 'o_heidi');
    const res = await env.server.get('/api/me', { headers: { 'x-wx-openid': 'o_heidi' } });
    expect(res.status).toBe(401);
    const loginRes = await postJson(env, '/api/auth/wechat', {}, { 'x-wx-openid': 'o_heidi' });
    expect(loginRes.status).toBe(401);
  });

  it('answers 429 after 20 failed logins in a minute from one address, even to a good code', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await postJson(env, '/api/auth/wechat', { code: `forged-${i}` })).status).toBe(401);
    }
    const res = await postJson(env, '/api/auth/wechat', { code: await loginCode(env, 'o_ivan') });
    expect(res.status).toBe(429);
    expect(errorBodySchema.parse(res.body).code).toBe('RATE_LIMITED');
    expect(await counts(env)).toEqual({ users: 0, sessions: 0, audit: 0, roles: 0 });
  });

  it('does not count logins that succeed: an office behind one address is not locked out by them', async () => {
    for (let i = 0; i < 30; i++) await login(env, `o_office_${i}`);
    for (let i = 0; i < 20; i++) {
      expect((await postJson(env, '/api/auth/wechat', { code: `forged-${i}` })).status).toBe(401);
    }
    const res = await postJson(env, '/api/auth/wechat', { code: await loginCode(env, 'o_office_late') });
    expect(res.status).toBe(429);
  });
});

describe('cloud hosting', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv((config) => ({ ...config, wechat: { ...config.wechat, cloudHosting: true } }));
  });
  afterAll(() => env.close());

  it('trusts x-wx-openid to log in and to identify the caller', async () => {
    const res = await postJson(env, '/api/auth/wechat', {}, { 'x-wx-openid': 'o_cloud_user' });
    expect(res.status).toBe(200);
    const me = await env.server.get('/api/me', { headers: { 'x-wx-openid': 'o_cloud_user' } });
    expect(me.status).toBe(200);
    expect(meSchema.parse(me.body).id).toBe(loginResponseSchema.parse(res.body).user.id);
  });
});
