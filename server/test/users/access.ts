import { phoneCode } from '../support/auth-env';
import { type RouteAccess, SIGNED_IN } from '../support/role-matrix';

export const ACCESS: RouteAccess[] = [
  { method: 'GET', route: '/api/me', allowed: SIGNED_IN },
  {
    method: 'POST',
    route: '/api/me/phone',
    allowed: SIGNED_IN,
    body: async (env) => ({ code: await phoneCode(env, '13912345678') }),
  },
];
