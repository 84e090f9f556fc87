import { applicationBody, applicationIn, idempotencyKey, person, uploadLicence } from '../support/joining';
import { ownerToken } from '../support/joining-access';
import type { AuthEnv } from '../support/auth-env';
import { type Caller, type RouteAccess, SIGNED_IN, STAFF } from '../support/role-matrix';

let sequence = 0;

/** Each check's own application of the caller's in `state`: the matrix checks roles, object tests the rest. */
const own =
  (state: 'submitted' | 'needs_info', suffix = '') =>
  async (env: AuthEnv, caller: Caller) =>
    `/api/applications/${(await applicationIn(env, await ownerToken(env, caller), state)).id}${suffix}`;

export const ACCESS: RouteAccess[] = [
  { method: 'GET', route: '/api/applications/draft', allowed: SIGNED_IN },
  {
    method: 'PUT',
    route: '/api/applications/draft',
    allowed: SIGNED_IN,
    body: () => Promise.resolve({ unitName: '草稿单位' }),
  },
  {
    method: 'POST',
    route: '/api/applications',
    allowed: SIGNED_IN,
    body: async (env, caller) => applicationBody(await uploadLicence(env, await ownerToken(env, caller))),
    headers: () => ({ 'idempotency-key': idempotencyKey() }),
  },
  { method: 'GET', route: '/api/applications/mine', allowed: SIGNED_IN },
  { method: 'GET', route: '/api/applications', allowed: STAFF },
  { method: 'GET', route: '/api/applications/export', allowed: STAFF },
  { method: 'GET', route: '/api/applications/:id', allowed: SIGNED_IN, path: own('submitted') },
  {
    method: 'PUT',
    route: '/api/applications/:id',
    allowed: SIGNED_IN,
    path: own('needs_info'),
    body: async (env, caller) => applicationBody(await uploadLicence(env, await ownerToken(env, caller))),
  },
  {
    method: 'POST',
    route: '/api/applications/:id/resubmit',
    allowed: SIGNED_IN,
    path: own('needs_info', '/resubmit'),
  },
  {
    method: 'POST',
    route: '/api/applications/:id/withdraw',
    allowed: SIGNED_IN,
    path: own('submitted', '/withdraw'),
  },
  {
    method: 'POST',
    route: '/api/applications/:id/decisions',
    allowed: STAFF,
    // Someone else's application: staff decide on applicants' applications.
    path: async (env) => {
      const applicant = await person(env, `o_matrix_applicant_${sequence++}`);
      return `/api/applications/${(await applicationIn(env, applicant.token, 'submitted')).id}/decisions`;
    },
    body: () => Promise.resolve({ decision: 'needs_info', reason: '请补充材料' }),
  },
];
