import { applicationIn } from '../support/joining';
import { ownerToken } from '../support/joining-access';
import { type RouteAccess, SIGNED_IN } from '../support/role-matrix';
import type { AuthEnv } from '../support/auth-env';
import type { Caller } from '../support/role-matrix';

/** A unit whose primary contact is the caller: its application approved. */
export async function unitOf(env: AuthEnv, caller: Caller): Promise<number> {
  const approved = await applicationIn(env, await ownerToken(env, caller), 'approved');
  if (!approved.unit) throw new Error('approval made no unit');
  return approved.unit.id;
}

export const ACCESS: RouteAccess[] = [
  {
    method: 'GET',
    route: '/api/units/:id',
    allowed: SIGNED_IN,
    // The caller's own unit; anyone else's is 404 (applications/review.e2e-spec.ts).
    path: async (env, caller) => `/api/units/${await unitOf(env, caller)}`,
  },
];
