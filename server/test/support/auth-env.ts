import type { LoginResponse } from '@itss/shared';
import type { Role } from '@itss/shared';
import type { AppConfig } from '../../src/config/config';
import type { ScratchDatabase } from '../../src/database/scratch-database';
import { UsersService } from '../../src/modules/users/users.service';
import { startStandin } from '../../src/wechat/standin/standin';
import { type TestServer, startServer, testConfig } from './harness';
import { migratedScratchDatabase } from './template-database';
import { type Seed, seeding } from './seed';

/** The server on a fresh database, talking over HTTP to a WeChat stand-in of its own. */
export interface AuthEnv {
  server: TestServer;
  standinUrl: string;
  db: ScratchDatabase;
  close(): Promise<void>;
}

export async function startAuthEnv(overrides: (config: AppConfig) => AppConfig = (c) => c): Promise<AuthEnv> {
  const standin = await startStandin();
  const db = await migratedScratchDatabase();
  const base = testConfig(db.config);
  const server = await startServer(overrides({ ...base, wechat: { ...base.wechat, apiBase: standin.url } }));
  return {
    server,
    standinUrl: standin.url,
    db,
    async close() {
      await server.close();
      await standin.close();
      await db.drop();
    },
  };
}

/** The seeding library against this environment's server and stand-in. */
export function seedOf(env: AuthEnv): Seed {
  return seeding({ api: env.server.baseUrl, standin: env.standinUrl });
}

/** A one-time wx.login code for this openid, as the WeChat client would get one. */
export function loginCode(env: AuthEnv, openid: string): Promise<string> {
  return seedOf(env).loginCode({ openid });
}

export function phoneCode(env: AuthEnv, phone: string): Promise<string> {
  return seedOf(env).phoneCode({ phone });
}

export async function fault(env: AuthEnv, endpoint: string, spec: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${env.standinUrl}/__standin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint, ...spec }),
  });
  if (!response.ok) throw new Error(`faults: ${response.status} ${await response.text()}`);
}

export function login(env: AuthEnv, openid: string): Promise<LoginResponse> {
  return seedOf(env).signIn({ openid });
}

/** Gives an existing or new user these roles (setup, not the feature under test), through the users feature. */
export async function withRoles(env: AuthEnv, openid: string, roles: Role[]): Promise<void> {
  const users = env.server.app.get(UsersService);
  const user = await users.findOrCreateByOpenid(openid, { displayName: '测试用户' });
  await users.addRoles(user.id, roles, null);
}

/** The account id of an openid, made if it does not exist yet. */
export async function userIdOf(env: AuthEnv, openid: string): Promise<number> {
  return (await env.server.app.get(UsersService).findOrCreateByOpenid(openid)).id;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** POST with a JSON body (a string is sent as it is, for malformed bodies). */
export function postJson(env: AuthEnv, path: string, body: unknown, headers: Record<string, string> = {}) {
  return env.server.get(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** How many times each WeChat endpoint was called on this environment's stand-in. */
export async function standinStats(env: AuthEnv): Promise<Record<string, number>> {
  const body = (await (await fetch(`${env.standinUrl}/__standin/stats`)).json()) as {
    calls: Record<string, number>;
  };
  return body.calls;
}
