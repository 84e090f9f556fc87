import { unitImportPreviewSchema } from '@itss/shared';
import { applicationIn, setupStaffToken } from '../support/joining';
import { ownerToken } from '../support/joining-access';
import { EVERYONE, type RouteAccess, SIGNED_IN, STAFF } from '../support/role-matrix';
import type { AuthEnv } from '../support/auth-env';
import type { Caller } from '../support/role-matrix';
import { importForm, recordUnit, sheetRow, unitBody, uploadSheet, workbookOf } from './sheets';

/** A unit whose primary contact is the caller: its application approved. */
export async function unitOf(env: AuthEnv, caller: Caller): Promise<number> {
  const approved = await applicationIn(env, await ownerToken(env, caller), 'approved');
  if (!approved.unit) throw new Error('approval made no unit');
  return approved.unit.id;
}

/** A preview of the caller's own when they may make one; for anyone else, an id that looks like one. */
async function importIdOf(env: AuthEnv, caller: Caller): Promise<string> {
  if (!caller.token || !STAFF.includes(caller.persona)) return 'abcdefghijklmnopqrstuvwx';
  const res = await uploadSheet(env, caller.token, await workbookOf([sheetRow()]));
  return unitImportPreviewSchema.parse(res.body).importId;
}

export const ACCESS: RouteAccess[] = [
  {
    method: 'GET',
    route: '/api/units/:id',
    allowed: SIGNED_IN,
    // The caller's own unit; anyone else's is 404 (applications/review.e2e-spec.ts).
    path: async (env, caller) => `/api/units/${await unitOf(env, caller)}`,
  },
  { method: 'GET', route: '/api/units', allowed: STAFF },
  { method: 'POST', route: '/api/units', allowed: STAFF, body: () => Promise.resolve(unitBody()) },
  { method: 'GET', route: '/api/units/export', allowed: STAFF },
  { method: 'GET', route: '/api/units/import/template', allowed: STAFF },
  {
    method: 'POST',
    route: '/api/units/import',
    allowed: STAFF,
    body: async () => importForm(await workbookOf([sheetRow()])),
  },
  {
    method: 'POST',
    route: '/api/units/import/:importId/confirm',
    allowed: STAFF,
    path: async (env, caller) => `/api/units/import/${await importIdOf(env, caller)}/confirm`,
  },
  {
    method: 'PATCH',
    route: '/api/units/:id/status',
    allowed: STAFF,
    path: async (env) => `/api/units/${(await recordUnit(env, await setupStaffToken(env))).id}/status`,
    body: () => Promise.resolve({ status: 'suspended', reason: '逾期未缴纳会费' }),
  },
  { method: 'GET', route: '/api/directory', allowed: EVERYONE },
];
