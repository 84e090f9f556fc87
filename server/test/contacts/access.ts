import { ownerToken } from '../support/joining-access';
import { type Caller, type RouteAccess, SIGNED_IN, STAFF } from '../support/role-matrix';
import type { AuthEnv } from '../support/auth-env';
import {
  type MemberUnit,
  type Person,
  colleague,
  invite,
  memberUnit,
  pendingRequest,
  someone,
  unitOf,
} from './fixtures';

/**
 * Routes on a unit's people are checked on the caller's own unit (they are its primary contact;
 * staff are too, by their own approved application): the matrix checks roles, the object tests in
 * this folder check other units. The anonymous persona gets someone else's.
 */
async function ownUnit(env: AuthEnv, caller: Caller): Promise<MemberUnit> {
  const token = await ownerToken(env, caller);
  const primary: Person = { id: caller.userId ?? 0, token };
  return unitOf(env, primary, 'committee');
}

/** What a body function made for the path function of the same check (the matrix asks for the body first). */
let made: { unitId: number; otherId: number } = { unitId: 0, otherId: 0 };

const LIMITS = { member: 3, committee: 5, vice_president: 10, president: 10 };

export const ACCESS: RouteAccess[] = [
  {
    method: 'GET',
    route: '/api/units/seat-limits',
    allowed: STAFF,
  },
  {
    method: 'PUT',
    route: '/api/units/seat-limits',
    allowed: STAFF,
    body: () => Promise.resolve({ limits: LIMITS }),
  },
  {
    method: 'POST',
    route: '/api/units/:id/invites',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/units/${(await ownUnit(env, caller)).id}/invites`,
  },
  {
    method: 'GET',
    route: '/api/invites/:token',
    allowed: SIGNED_IN,
    path: async (env) => {
      const unit = await memberUnit(env);
      return `/api/invites/${(await invite(env, unit.primary.token, unit.id)).token}`;
    },
  },
  {
    method: 'POST',
    route: '/api/invites/:token/accept',
    allowed: SIGNED_IN,
    path: async (env) => {
      const unit = await memberUnit(env);
      return `/api/invites/${(await invite(env, unit.primary.token, unit.id)).token}/accept`;
    },
    body: () => Promise.resolve({ name: '王五' }),
  },
  {
    method: 'POST',
    route: '/api/units/:id/join-requests',
    allowed: SIGNED_IN,
    body: async (env) => {
      const unit = await memberUnit(env);
      made = { unitId: unit.id, otherId: 0 };
      return { creditCode: unit.creditCode, name: '赵六' };
    },
    path: () => Promise.resolve(`/api/units/${made.unitId}/join-requests`),
  },
  {
    method: 'GET',
    route: '/api/units/:id/join-requests',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/units/${(await ownUnit(env, caller)).id}/join-requests`,
  },
  {
    method: 'POST',
    route: '/api/units/:id/join-requests/:requestId/decisions',
    allowed: SIGNED_IN,
    body: async (env, caller) => {
      const unit = await ownUnit(env, caller);
      const request = await pendingRequest(env, unit, await someone(env, 'matrix_requester'));
      made = { unitId: unit.id, otherId: request.id };
      return { decision: 'decline' };
    },
    path: () => Promise.resolve(`/api/units/${made.unitId}/join-requests/${made.otherId}/decisions`),
  },
  {
    method: 'GET',
    route: '/api/join-requests/mine',
    allowed: SIGNED_IN,
  },
  {
    method: 'DELETE',
    route: '/api/join-requests/:id',
    allowed: SIGNED_IN,
    // The caller's own request.
    path: async (env, caller) => {
      const unit = await memberUnit(env);
      const token = await ownerToken(env, caller);
      const request = await pendingRequest(env, unit, { id: caller.userId ?? 0, token });
      return `/api/join-requests/${request.id}`;
    },
  },
  {
    method: 'DELETE',
    route: '/api/units/:id/contacts/:userId',
    allowed: SIGNED_IN,
    path: async (env, caller) => {
      const unit = await ownUnit(env, caller);
      return `/api/units/${unit.id}/contacts/${(await colleague(env, unit)).id}`;
    },
  },
  {
    method: 'POST',
    route: '/api/units/:id/primary-contact',
    allowed: SIGNED_IN,
    body: async (env, caller) => {
      const unit = await ownUnit(env, caller);
      const next = await colleague(env, unit);
      made = { unitId: unit.id, otherId: next.id };
      return { userId: next.id };
    },
    path: () => Promise.resolve(`/api/units/${made.unitId}/primary-contact`),
  },
];
