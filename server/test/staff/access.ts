import { userIdOf } from '../support/auth-env';
import type { RouteAccess } from '../support/role-matrix';

export const ACCESS: RouteAccess[] = [
  { method: 'GET', route: '/api/staff', allowed: ['admin'] },
  {
    method: 'POST',
    route: '/api/staff',
    allowed: ['admin'],
    body: async (env) => ({ userId: await userIdOf(env, 'o_matrix_target') }),
  },
  {
    method: 'DELETE',
    route: '/api/staff/:userId',
    allowed: ['admin'],
    path: async (env) => `/api/staff/${await userIdOf(env, 'o_matrix_target')}`,
  },
];
