import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AuthEnv, bearer, login, withRoles } from './auth-env';

/**
 * The role-matrix helper: give it, for a route, which personas get 2xx; it asserts that everyone
 * else gets 401 (anonymous) or 403 (signed in). Each check logs in afresh, so a logout or a role
 * change in one check cannot leak into another. Each feature lists its routes in
 * test/<feature>/access.ts; access.e2e-spec.ts gathers them and refuses any declared route missing.
 */
export type Persona = 'anonymous' | 'visitor' | 'staff' | 'admin';
export const PERSONAS: Persona[] = ['anonymous', 'visitor', 'staff', 'admin'];
export const EVERYONE = PERSONAS;
export const SIGNED_IN: Persona[] = ['visitor', 'staff', 'admin'];
export const STAFF: Persona[] = ['staff', 'admin'];

/** Who makes the request of one check: objects a route needs may be made for this very person. */
export interface Caller {
  persona: Persona;
  /** Null for the anonymous persona. */
  userId: number | null;
  /** Its session, to make objects through the API as this person (an upload, an application). */
  token: string | null;
}

export interface RouteAccess {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as Nest declares it, e.g. /api/staff/:userId. */
  route: string;
  allowed: Persona[];
  /**
   * The concrete path, when the route has parameters. For routes on a person's own objects (their
   * message), make the object for `caller`: the matrix checks roles, object tests check the rest.
   */
  path?: (env: AuthEnv, caller: Caller) => Promise<string>;
  /** JSON, or FormData sent as multipart (uploads). */
  body?: (env: AuthEnv, caller: Caller) => Promise<unknown>;
  /** Headers the route needs besides the session, e.g. an Idempotency-Key. */
  headers?: () => Record<string, string>;
}

let sequence = 0;

async function signIn(env: AuthEnv, persona: Persona): Promise<{ token: string | null; caller: Caller }> {
  if (persona === 'anonymous') return { token: null, caller: { persona, userId: null, token: null } };
  const openid = `o_matrix_${persona}_${sequence++}`;
  await withRoles(
    env,
    openid,
    persona === 'admin' ? ['staff', 'admin'] : persona === 'staff' ? ['staff'] : [],
  );
  const { token, user } = await login(env, openid);
  return { token, caller: { persona, userId: user.id, token } };
}

/** Defines one test per route and persona. */
export function describeRoleMatrix(getEnv: () => AuthEnv, matrix: RouteAccess[]): void {
  describe.each(matrix)('$method $route', (entry) => {
    it.each(PERSONAS)('%s', async (persona) => {
      const env = getEnv();
      const { token, caller } = await signIn(env, persona);
      const body = entry.body ? await entry.body(env, caller) : undefined;
      const multipart = body instanceof FormData;
      const res = await env.server.get(entry.path ? await entry.path(env, caller) : entry.route, {
        method: entry.method,
        headers: {
          ...(token ? bearer(token) : {}),
          ...(body === undefined || multipart ? {} : { 'content-type': 'application/json' }),
          ...entry.headers?.(),
        },
        body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
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
}

/** Every route the application declares, as "METHOD /api/path", read from Nest's own metadata. */
export function declaredRoutes(app: NestFastifyApplication): string[] {
  const declared: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
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
  return declared.sort();
}
