import { levelRequestSchema } from '@itss/shared';
import { type Caller, type RouteAccess, SIGNED_IN, STAFF } from '../support/role-matrix';
import { type AuthEnv, bearer, postJson } from '../support/auth-env';
import { unitOf } from '../units/access';
import { member, removalBody, unitInArrears } from './standing-support';

/** A unit's requests' routes: the caller's own unit (its primary contact); anyone else's is 404 (standing.e2e-spec.ts). */
const ownUnit = async (env: AuthEnv, caller: Caller) => unitOf(env, caller);

/** An open request of the caller's own unit when they have a session; for anyone else an id that looks like one. */
async function ownRequest(env: AuthEnv, caller: Caller): Promise<number> {
  if (!caller.token) return 1;
  const unitId = await unitOf(env, caller);
  const res = await postJson(
    env,
    `/api/units/${unitId}/level-requests`,
    { toLevel: 'vice_president', reason: '申请升级' },
    bearer(caller.token),
  );
  return levelRequestSchema.parse(res.body).id;
}

/** An open request for staff to decide; for anyone else an id that looks like one (the role refuses first). */
async function requestToDecide(env: AuthEnv, caller: Caller): Promise<number> {
  if (caller.persona !== 'staff' && caller.persona !== 'admin') return 1;
  const owner = await member(env, 'member');
  const res = await postJson(
    env,
    `/api/units/${owner.unitId}/level-requests`,
    { toLevel: 'committee', reason: '申请升级' },
    bearer(owner.token),
  );
  return levelRequestSchema.parse(res.body).id;
}

export const ACCESS: RouteAccess[] = [
  {
    method: 'GET',
    route: '/api/units/:id/standing',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/units/${await ownUnit(env, caller)}/standing`,
  },
  {
    method: 'GET',
    route: '/api/units/:id/level-requests',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/units/${await ownUnit(env, caller)}/level-requests`,
  },
  {
    method: 'POST',
    route: '/api/units/:id/level-requests',
    allowed: SIGNED_IN,
    // Applications approve units at 委员; one step up is 副会长.
    path: async (env, caller) => `/api/units/${await ownUnit(env, caller)}/level-requests`,
    body: () => Promise.resolve({ toLevel: 'vice_president', reason: '申请升级为副会长单位' }),
  },
  {
    method: 'POST',
    route: '/api/level-requests/:id/withdraw',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/level-requests/${await ownRequest(env, caller)}/withdraw`,
  },
  { method: 'GET', route: '/api/level-requests', allowed: STAFF },
  {
    method: 'POST',
    route: '/api/level-requests/:id/decisions',
    allowed: STAFF,
    path: async (env, caller) => `/api/level-requests/${await requestToDecide(env, caller)}/decisions`,
    body: () => Promise.resolve({ decision: 'reject', reason: '材料不全，请补充后再申请' }),
  },
  { method: 'GET', route: '/api/dues/arrears', allowed: STAFF },
  {
    method: 'GET',
    route: '/api/units/:id/arrears',
    allowed: STAFF,
    path: async (env) => `/api/units/${(await unitInArrears(env)).owner.unitId}/arrears`,
  },
  {
    method: 'POST',
    route: '/api/units/:id/removal',
    allowed: STAFF,
    path: async (env, caller) =>
      caller.persona === 'staff' || caller.persona === 'admin'
        ? `/api/units/${(await unitInArrears(env)).owner.unitId}/removal`
        : '/api/units/1/removal',
    body: () => Promise.resolve(removalBody()),
  },
  { method: 'GET', route: '/api/president-seat', allowed: STAFF },
];
