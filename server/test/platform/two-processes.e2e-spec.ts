import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { errorBodySchema, levelsResponseSchema, loginResponseSchema, meSchema } from '@itss/shared';
import { createConnection } from 'mysql2/promise';
import { STANDIN_APPID, STANDIN_SECRET } from '../../src/config/config';
import { type ScratchDatabase, scratchMariaDb } from '../../src/database/scratch-database';
import { openRedisState } from '../../src/state/redis-shared-state';
import { ResponseCache } from '../../src/state/response-cache';
import { type RunningStandin, startStandin } from '../../src/wechat/standin/standin';
import { TEST_DB } from '../support/harness';
import { testRedisConfig } from '../support/state-backends';

/**
 * Two replicas of the built server, as a load balancer would run them: two processes on one MariaDB
 * and one Redis. What one process learns (a failed login, WeChat's access token, a session, a cached
 * read and its invalidation) the other must see. Runs in the "API on MariaDB + Redis" suite.
 */
const MAIN = join(__dirname, '../../dist/main.js');
const runs = TEST_DB === 'mariadb' && process.env.TEST_REDIS === '1';

interface Replica {
  url: string;
  process: ChildProcess;
}

function startReplica(env: Record<string, string>): Promise<Replica> {
  if (!existsSync(MAIN)) throw new Error('server/dist/main.js missing: run "npm run build" first');
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`replica did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const port = /已启动: http:\/\/localhost:(\d+)\//.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${port}`, process: child });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}:\n${output}`)));
  });
}

function stop(replica: Replica | undefined): Promise<void> {
  if (!replica || replica.process.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    replica.process.once('exit', () => resolve());
    replica.process.kill('SIGTERM');
  });
}

async function call(
  replica: Replica,
  path: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(replica.url + path, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

(runs ? describe : describe.skip)(
  `two server processes on one MariaDB and one Redis${runs ? '' : ' (runs in the MariaDB + Redis suite)'}`,
  () => {
    const redis = testRedisConfig();
    let db: ScratchDatabase;
    let standin: RunningStandin;
    let a: Replica;
    let b: Replica;

    async function standinCall<T>(path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${standin.url}/__standin/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await response.json()) as T;
    }
    const loginCode = async (openid: string) =>
      (await standinCall<{ code: string }>('login-code', { openid })).code;
    const phoneCode = async (phone: string) =>
      (await standinCall<{ code: string }>('phone-code', { phone })).code;

    beforeAll(async () => {
      standin = await startStandin();
      const scratch = await scratchMariaDb('itss_two');
      if (!scratch || scratch.config.type !== 'mysql') throw new Error('no MariaDB for the two-process test');
      db = scratch;
      const env = {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'log',
        H5_DIR: '/nonexistent-h5-build',
        DATABASE_URL: scratch.config.url,
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: redis.keyPrefix,
        WECHAT_APPID: STANDIN_APPID,
        WECHAT_SECRET: STANDIN_SECRET,
        WECHAT_API_BASE: standin.url,
      };
      // One after the other: the first migrates the new database, the second finds it migrated.
      a = await startReplica(env);
      b = await startReplica(env);
    }, 90_000);

    afterAll(async () => {
      await Promise.all([stop(a), stop(b)]);
      const state = await openRedisState(redis);
      await state.deleteByPrefix('');
      await state.close();
      await standin?.close();
      await db?.drop();
    });

    it('accepts on one a session created on the other', async () => {
      const login = await call(a, '/api/auth/wechat', {
        method: 'POST',
        body: { code: await loginCode('o_two_alice') },
      });
      expect(login.status).toBe(200);
      const { token, user } = loginResponseSchema.parse(login.body);
      const me = await call(b, '/api/me', { token });
      expect([me.status, meSchema.parse(me.body).id]).toEqual([200, user.id]);
      expect((await call(b, '/api/auth/logout', { method: 'POST', token })).status).toBe(204);
      expect((await call(a, '/api/me', { token })).status).toBe(401);
    });

    it('asks WeChat for one access token for both', async () => {
      const tokens = await Promise.all(
        ['o_two_bob', 'o_two_carol'].map(async (openid, i) => {
          const replica = i === 0 ? a : b;
          const login = await call(replica, '/api/auth/wechat', {
            method: 'POST',
            body: { code: await loginCode(openid) },
          });
          return loginResponseSchema.parse(login.body).token;
        }),
      );
      const before = (await standinCall<{ calls: Record<string, number> }>('stats')).calls.stable_token ?? 0;
      const bound = await Promise.all(
        tokens.map(async (token, i) =>
          call(i === 0 ? a : b, '/api/me/phone', {
            method: 'POST',
            token,
            body: { code: await phoneCode(`1390000000${i}`) },
          }),
        ),
      );
      expect(bound.map((r) => r.status)).toEqual([200, 200]);
      const { calls } = await standinCall<{ calls: Record<string, number> }>('stats');
      expect((calls.stable_token ?? 0) - before).toBe(1);
      expect(calls.getuserphonenumber).toBe(2);
    });

    it('serves one cache: filled on one, read on the other, invalidated once for both', async () => {
      const fee = async (replica: Replica) =>
        levelsResponseSchema
          .parse((await call(replica, '/api/membership/levels')).body)
          .items.find((level) => level.code === 'member')?.annualFeeYuan;
      expect(await fee(a)).toBe(3000);
      if (db.config.type !== 'mysql') throw new Error('unreachable');
      const sql = await createConnection({ uri: db.config.url.replace(/^mariadb:/, 'mysql:') });
      await sql.query("UPDATE membership_levels SET annual_fee_yuan = 3500 WHERE code = 'member'");
      await sql.end();
      // B never read the levels: it answers from the entry A stored.
      expect(await fee(b)).toBe(3000);
      // The cache keeps no copy inside a process, so the place invalidate runs from does not matter:
      // here a third party on the same Redis and namespace, as a staff edit on any replica will be.
      const state = await openRedisState(redis);
      await new ResponseCache(state, true).invalidate('membership:');
      await state.close();
      expect([await fee(a), await fee(b)]).toEqual([3500, 3500]);
    });

    it('counts failed logins across both: 10 on each, then the 21st is refused on either', async () => {
      for (let i = 0; i < 20; i++) {
        const res = await call(i % 2 === 0 ? a : b, '/api/auth/wechat', {
          method: 'POST',
          body: { code: `forged-${i}` },
        });
        expect(res.status).toBe(401);
      }
      for (const replica of [a, b]) {
        const res = await call(replica, '/api/auth/wechat', {
          method: 'POST',
          body: { code: await loginCode('o_two_dave') },
        });
        expect([res.status, errorBodySchema.parse(res.body).code]).toEqual([429, 'RATE_LIMITED']);
      }
    });
  },
);
