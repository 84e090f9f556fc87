import { unitOf } from '../contacts/fixtures';
import type { AuthEnv } from '../support/auth-env';
import { ownerToken } from '../support/joining-access';
import { type Caller, type RouteAccess, SIGNED_IN, STAFF } from '../support/role-matrix';
import { submissionBody, submit, unitWithContact } from './support';

/**
 * The caller is made a contact of a member unit of their own where the route is about their unit's
 * submissions (staff too, by their own approved application): the matrix checks roles, the object
 * tests check other units. The anonymous persona gets someone else's.
 */
async function asContact(env: AuthEnv, caller: Caller): Promise<string> {
  const token = await ownerToken(env, caller);
  await unitOf(env, { id: caller.userId ?? 0, token });
  return token;
}

export const ACCESS: RouteAccess[] = [
  {
    method: 'POST',
    route: '/api/submissions',
    allowed: SIGNED_IN,
    body: async (env, caller) => {
      await asContact(env, caller);
      return submissionBody();
    },
  },
  // A contact keeps their own unsent submission; anyone who is not a contact is refused (drafts.e2e-spec).
  {
    method: 'GET',
    route: '/api/submissions/draft',
    allowed: SIGNED_IN,
    path: async (env, caller) => {
      await asContact(env, caller);
      return '/api/submissions/draft';
    },
  },
  {
    method: 'PUT',
    route: '/api/submissions/draft',
    allowed: SIGNED_IN,
    body: async (env, caller) => {
      await asContact(env, caller);
      return { title: '矩阵的投稿草稿' };
    },
  },
  // A contact lists their unit's (checked in submissions.e2e-spec); a person without a unit may not.
  { method: 'GET', route: '/api/submissions', allowed: STAFF },
  {
    method: 'GET',
    route: '/api/submissions/:id',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/submissions/${(await submit(env, await asContact(env, caller))).id}`,
  },
  {
    method: 'POST',
    route: '/api/submissions/:id/decisions',
    allowed: STAFF,
    // Another unit's submission: staff decide on contacts' submissions.
    path: async (env) => {
      const { contact } = await unitWithContact(env);
      return `/api/submissions/${(await submit(env, contact.token)).id}/decisions`;
    },
    body: () => Promise.resolve({ decision: 'approve' }),
  },
];
