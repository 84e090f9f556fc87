import { type RouteAccess, SIGNED_IN } from '../support/role-matrix';
import { unitOf } from '../units/access';

export const ACCESS: RouteAccess[] = [
  {
    method: 'GET',
    route: '/api/units/:id/bills',
    allowed: SIGNED_IN,
    // The caller's own unit's bills; anyone else's are 404 (applications/review.e2e-spec.ts).
    path: async (env, caller) => `/api/units/${await unitOf(env, caller)}/bills`,
  },
];
