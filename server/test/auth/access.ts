import { loginCode } from '../support/auth-env';
import { EVERYONE, type RouteAccess, SIGNED_IN } from '../support/role-matrix';

export const ACCESS: RouteAccess[] = [
  {
    method: 'POST',
    route: '/api/auth/wechat',
    allowed: EVERYONE,
    body: async (env) => ({ code: await loginCode(env, 'o_matrix_login') }),
  },
  { method: 'POST', route: '/api/auth/logout', allowed: SIGNED_IN },
];
