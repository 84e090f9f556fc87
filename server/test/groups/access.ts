import type { AuthEnv } from '../support/auth-env';
import { ownerToken, pngForm } from '../support/joining-access';
import { setupStaffToken } from '../support/joining';
import { type Caller, type RouteAccess, SIGNED_IN, STAFF } from '../support/role-matrix';
import { changeUnitStatus, createGroup, getJson, member, todoOf, uploadCode } from './support';

let sequence = 0;

/** A group made by the setup staff member, with a current code when asked. */
async function setupGroup(env: AuthEnv, withCode = false): Promise<number> {
  const token = await setupStaffToken(env);
  const group = await createGroup(env, token, { name: `矩阵群${sequence++}`, minLevel: 'member' });
  if (withCode) await uploadCode(env, token, group.id);
  return group.id;
}

/**
 * The caller as the primary contact of an active unit (their own application approved), so that
 * every signed-in persona passes the member check: the matrix checks roles; who is a member is
 * checked in groups.e2e-spec.ts.
 */
async function asMember(env: AuthEnv, caller: Caller) {
  return member(env, 'committee', { token: await ownerToken(env, caller) });
}

/** An open add_member to-do: someone asked for a group that has no code. */
async function openTodo(env: AuthEnv): Promise<number> {
  const groupId = await setupGroup(env);
  const someone = await member(env);
  const res = await getJson(env, '/api/groups/entry', someone.token);
  if (res.status !== 200) throw new Error(`entry: ${res.status}`);
  return (await todoOf(env, someone.id, groupId)).id;
}

/** An open removal: someone shown a code whose unit was then suspended. */
async function openRemoval(env: AuthEnv): Promise<number> {
  await setupGroup(env, true);
  const someone = await member(env);
  await getJson(env, '/api/groups/entry', someone.token);
  await changeUnitStatus(env, someone.unitId, 'suspended', [someone.id], 'unit_suspended');
  const list = await getJson(env, '/api/groups/removals?done=false', await setupStaffToken(env));
  const first = (list.body as { items: { id: number }[] }).items[0];
  if (!first) throw new Error('no removal listed');
  return first.id;
}

export const ACCESS: RouteAccess[] = [
  { method: 'GET', route: '/api/groups', allowed: STAFF },
  {
    method: 'POST',
    route: '/api/groups',
    allowed: STAFF,
    body: () => Promise.resolve({ name: `矩阵新群${sequence++}`, minLevel: 'member' }),
  },
  {
    method: 'PATCH',
    route: '/api/groups/:id',
    allowed: STAFF,
    path: async (env) => `/api/groups/${await setupGroup(env)}`,
    body: () => Promise.resolve({ note: '矩阵备注' }),
  },
  {
    method: 'PUT',
    route: '/api/groups/:id/code',
    allowed: STAFF,
    path: async (env) => `/api/groups/${await setupGroup(env)}/code`,
    body: () => Promise.resolve(pngForm()),
  },
  {
    method: 'POST',
    route: '/api/groups/:id/code',
    allowed: STAFF,
    path: async (env) => `/api/groups/${await setupGroup(env)}/code`,
    body: () => Promise.resolve(pngForm()),
  },
  {
    method: 'GET',
    route: '/api/groups/:id/code',
    allowed: SIGNED_IN,
    path: async (env, caller) => {
      await asMember(env, caller);
      return `/api/groups/${await setupGroup(env, true)}/code`;
    },
  },
  {
    method: 'GET',
    route: '/api/groups/entry',
    allowed: SIGNED_IN,
    path: async (env, caller) => {
      await asMember(env, caller);
      return '/api/groups/entry';
    },
  },
  { method: 'GET', route: '/api/groups/todos', allowed: STAFF },
  {
    method: 'POST',
    route: '/api/groups/todos/:id/done',
    allowed: STAFF,
    path: async (env) => `/api/groups/todos/${await openTodo(env)}/done`,
  },
  { method: 'GET', route: '/api/groups/removals', allowed: STAFF },
  {
    method: 'POST',
    route: '/api/groups/removals/:id/done',
    allowed: STAFF,
    path: async (env) => `/api/groups/removals/${await openRemoval(env)}/done`,
  },
];
