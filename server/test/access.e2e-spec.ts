import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { RequestMethod } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserEntity } from '../src/modules/users/user.entity';
import { type AuthEnv, bearer, login, loginCode, phoneCode, startAuthEnv, withRoles } from './auth-helpers';

/**
 * The role matrix: for every route, which personas get 2xx. Everyone else gets 401 when anonymous
 * and 403 when signed in. A route missing from this table fails the coverage test below, so a new
 * route cannot ship without saying who may call it.
 */
type Persona = 'anonymous' | 'visitor' | 'staff' | 'admin';
const PERSONAS: Persona[] = ['anonymous', 'visitor', 'staff', 'admin'];
const EVERYONE = PERSONAS;
const SIGNED_IN: Persona[] = ['visitor', 'staff', 'admin'];

interface RouteAccess {
  method: 'GET' | 'POST' | 'DELETE';
  /** The route as Nest declares it, e.g. /api/staff/:userId. */
  route: string;
  allowed: Persona[];
  /** The concrete path, when the route has parameters. */
  path?: (env: AuthEnv) => Promise<string>;
  body?: (env: AuthEnv) => Promise<unknown>;
}

async function targetUserId(env: AuthEnv): Promise<number> {
  await withRoles(env, 'o_matrix_target', []);
  const user = await env.server.app
    .get(DataSource)
    .getRepository(UserEntity)
    .findOneByOrFail({ openid: 'o_matrix_target' });
  return user.id;
}

export const ROLE_MATRIX: RouteAccess[] = [
  { method: 'GET', route: '/api/health', allowed: EVERYONE },
  { method: 'GET', route: '/api/association', allowed: EVERYONE },
  { method: 'GET', route: '/api/services', allowed: EVERYONE },
  { method: 'GET', route: '/api/membership/levels', allowed: EVERYONE },
  { method: 'GET', route: '/api/membership/obligations', allowed: EVERYONE },
  {
    method: 'POST',
    route: '/api/auth/wechat',
    allowed: EVERYONE,
    body: async (env) => ({ code: await loginCode(env, 'o_matrix_login') }),
  },
  { method: 'POST', route: '/api/auth/logout', allowed: SIGNED_IN },
  { method: 'GET', route: '/api/me', allowed: SIGNED_IN },
  {
    method: 'POST',
    route: '/api/me/phone',
    allowed: SIGNED_IN,
    body: async (env) => ({ code: await phoneCode(env, '13912345678') }),
  },
  { method: 'GET', route: '/api/audit', allowed: ['staff', 'admin'] },
  { method: 'GET', route: '/api/staff', allowed: ['admin'] },
  {
    method: 'POST',
    route: '/api/staff',
    allowed: ['admin'],
    body: async (env) => ({ userId: await targetUserId(env) }),
  },
  {
    method: 'DELETE',
    route: '/api/staff/:userId',
    allowed: ['admin'],
    path: async (env) => `/api/staff/${await targetUserId(env)}`,
  },
];

/** A fresh session per check, so a logout or a role change in one check cannot leak into another. */
async function tokenFor(env: AuthEnv, persona: Persona, n: number): Promise<string | null> {
  if (persona === 'anonymous') return null;
  const openid = `o_matrix_${persona}_${n}`;
  await withRoles(
    env,
    openid,
    persona === 'admin' ? ['staff', 'admin'] : persona === 'staff' ? ['staff'] : [],
  );
  return (await login(env, openid)).token;
}

describe('role matrix', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  let n = 0;
  describe.each(ROLE_MATRIX)('$method $route', (entry) => {
    it.each(PERSONAS)('%s', async (persona) => {
      const token = await tokenFor(env, persona, n++);
      const body = entry.body ? await entry.body(env) : undefined;
      const res = await env.server.get(entry.path ? await entry.path(env) : entry.route, {
        method: entry.method,
        headers: {
          ...(token ? bearer(token) : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (entry.allowed.includes(persona)) {
        // The body is in the comparison so that a failure shows why.
        expect({ success: res.status >= 200 && res.status < 300, body: res.body }).toEqual({
          success: true,
          body: res.body,
        });
      } else {
        expect(res.status).toBe(persona === 'anonymous' ? 401 : 403);
      }
    });
  });

  it('covers every route the application declares', () => {
    const declared: string[] = [];
    for (const module of env.server.app.get(ModulesContainer).values()) {
      for (const { metatype } of module.controllers.values()) {
        if (!metatype) continue;
        const prefix = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
        const proto = (metatype as { prototype: Record<string, unknown> }).prototype;
        for (const name of Object.getOwnPropertyNames(proto)) {
          const handler = proto[name];
          if (typeof handler !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, handler)) continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
          const path = String(Reflect.getMetadata(PATH_METADATA, handler));
          const full = ['/api', prefix, path]
            .filter((p) => p && p !== '/')
            .join('/')
            .replace(/\/+/g, '/');
          declared.push(`${method} ${full}`);
        }
      }
    }
    const covered = ROLE_MATRIX.map((entry) => `${entry.method} ${entry.route}`);
    expect(declared.sort()).toEqual([...covered].sort());
  });
});
