import { DataSource } from 'typeorm';
import { UserEntity } from '../src/modules/users/user.entity';
import { type AuthEnv, loginCode, phoneCode, startAuthEnv, withRoles } from './auth-helpers';
import { EVERYONE, type RouteAccess, SIGNED_IN, declaredRoutes, describeRoleMatrix } from './role-matrix';

async function targetUserId(env: AuthEnv): Promise<number> {
  await withRoles(env, 'o_matrix_target', []);
  const user = await env.server.app
    .get(DataSource)
    .getRepository(UserEntity)
    .findOneByOrFail({ openid: 'o_matrix_target' });
  return user.id;
}

/** Who gets 2xx on every route of the application; everyone else gets 401 or 403. */
const ROLE_MATRIX: RouteAccess[] = [
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

describe('role matrix', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  describeRoleMatrix(() => env, ROLE_MATRIX);

  it('covers every route the application declares', () => {
    expect(declaredRoutes(env.server.app)).toEqual(
      ROLE_MATRIX.map((entry) => `${entry.method} ${entry.route}`).sort(),
    );
  });
});
