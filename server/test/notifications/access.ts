import { userIdOf } from '../support/auth-env';
import { EVERYONE, type RouteAccess, SIGNED_IN } from '../support/role-matrix';
import { notifyDecision } from './support';

export const ACCESS: RouteAccess[] = [
  { method: 'GET', route: '/api/notifications/templates', allowed: EVERYONE },
  {
    method: 'POST',
    route: '/api/notifications/subscriptions',
    allowed: SIGNED_IN,
    body: () => Promise.resolve({ results: { 'standin-application-decision': 'accept' } }),
  },
  { method: 'GET', route: '/api/messages', allowed: SIGNED_IN },
  { method: 'GET', route: '/api/messages/unread-count', allowed: SIGNED_IN },
  { method: 'POST', route: '/api/messages/read-all', allowed: SIGNED_IN },
  {
    method: 'POST',
    route: '/api/messages/:id/read',
    allowed: SIGNED_IN,
    // The caller's own message; another person's is 404 (notifications.e2e-spec.ts).
    path: async (env, caller) =>
      `/api/messages/${await notifyDecision(env, caller.userId ?? (await userIdOf(env, 'o_matrix_recipient')))}/read`,
  },
];
