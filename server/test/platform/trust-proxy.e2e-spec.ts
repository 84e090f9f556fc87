import { errorBodySchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/config/config';
import { MAX_FAILED_LOGINS_PER_MINUTE } from '../../src/modules/auth/login-throttle';
import { type AuthEnv, loginCode, postJson, startAuthEnv } from '../support/auth-env';

/**
 * Behind a reverse proxy every connection comes from the proxy. With TRUST_PROXY the client's own
 * address (from X-Forwarded-For) is what the login throttle counts and the audit log records;
 * without it the header is ignored, since any client could write it.
 */
const CLIENT_A = '203.0.113.10';
const CLIENT_B = '203.0.113.20';

function forwardedFor(address: string): Record<string, string> {
  return { 'x-forwarded-for': address };
}

async function failLoginsFrom(env: AuthEnv, address: string): Promise<void> {
  for (let i = 0; i < MAX_FAILED_LOGINS_PER_MINUTE; i++) {
    const res = await postJson(env, '/api/auth/wechat', { code: `forged-${i}` }, forwardedFor(address));
    expect(res.status).toBe(401);
  }
}

async function loginIps(env: AuthEnv): Promise<(string | null)[]> {
  const rows = await env.server.app
    .get(DataSource)
    .query<{ ip: string | null }[]>("SELECT ip FROM audit_log WHERE action = 'auth.login' ORDER BY id");
  return rows.map((row) => row.ip);
}

describe.each<[string, AppConfig['trustProxy']]>([
  ['the proxy by address (TRUST_PROXY=127.0.0.1)', ['127.0.0.1']],
  ['the proxy by range name (TRUST_PROXY=loopback)', ['loopback']],
  ['one hop (TRUST_PROXY=1)', 1],
])('trusting %s', (_name, trustProxy) => {
  let env: AuthEnv;
  beforeEach(async () => {
    env = await startAuthEnv((config) => ({ ...config, trustProxy }));
  });
  afterEach(() => env.close());

  it('throttles the client that failed, not every client of the proxy, and audits the client', async () => {
    await failLoginsFrom(env, CLIENT_A);
    const throttled = await postJson(
      env,
      '/api/auth/wechat',
      { code: await loginCode(env, 'o_alice') },
      forwardedFor(CLIENT_A),
    );
    expect([throttled.status, errorBodySchema.parse(throttled.body).code]).toEqual([429, 'RATE_LIMITED']);

    const other = await postJson(
      env,
      '/api/auth/wechat',
      { code: await loginCode(env, 'o_bob') },
      // A chain: the proxy appended the address it saw; what the client wrote first is not believed.
      forwardedFor(`198.51.100.99, ${CLIENT_B}`),
    );
    expect(other.status).toBe(200);
    expect(await loginIps(env)).toEqual([CLIENT_B]);
  });
});

describe('without TRUST_PROXY', () => {
  let env: AuthEnv;
  beforeEach(async () => {
    env = await startAuthEnv();
  });
  afterEach(() => env.close());

  it('ignores X-Forwarded-For: the throttle and the audit log see the connection’s address', async () => {
    const ok = await postJson(
      env,
      '/api/auth/wechat',
      { code: await loginCode(env, 'o_carol') },
      forwardedFor(CLIENT_B),
    );
    expect(ok.status).toBe(200);
    expect(await loginIps(env)).toEqual(['127.0.0.1']);

    await failLoginsFrom(env, CLIENT_A);
    const spoofed = await postJson(
      env,
      '/api/auth/wechat',
      { code: await loginCode(env, 'o_dave') },
      forwardedFor(CLIENT_B),
    );
    expect(spoofed.status).toBe(429);
  });
});
