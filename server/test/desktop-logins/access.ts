import { deviceSessionListSchema } from '@itss/shared';
import { bearer } from '../support/auth-env';
import { EVERYONE, type RouteAccess, SIGNED_IN, STAFF } from '../support/role-matrix';
import { createTicket } from './support';

/** A fresh ticket for each check, so that one persona's step does not spend it for the next. */
const onFreshTicket = (step: string) => async (env: Parameters<typeof createTicket>[0]) =>
  `/api/desktop-logins/${(await createTicket(env)).ticket}${step}`;

export const ACCESS: RouteAccess[] = [
  { method: 'POST', route: '/api/desktop-logins', allowed: EVERYONE },
  { method: 'GET', route: '/api/desktop-logins/:ticket', allowed: EVERYONE, path: onFreshTicket('') },
  {
    method: 'GET',
    route: '/api/desktop-logins/:ticket/code.png',
    allowed: EVERYONE,
    path: onFreshTicket('/code.png'),
  },
  { method: 'POST', route: '/api/desktop-logins/:ticket/scan', allowed: STAFF, path: onFreshTicket('/scan') },
  {
    method: 'POST',
    route: '/api/desktop-logins/:ticket/confirm',
    allowed: STAFF,
    path: onFreshTicket('/confirm'),
  },
  {
    method: 'POST',
    route: '/api/desktop-logins/:ticket/cancel',
    allowed: STAFF,
    path: onFreshTicket('/cancel'),
  },
  { method: 'GET', route: '/api/me/sessions', allowed: SIGNED_IN },
  {
    method: 'DELETE',
    route: '/api/me/sessions/:id',
    allowed: SIGNED_IN,
    // The caller's own current session: ending it is allowed (it signs that device out).
    path: async (env, caller) => {
      if (!caller.token) return '/api/me/sessions/1';
      const res = await env.server.get('/api/me/sessions', { headers: bearer(caller.token) });
      const current = deviceSessionListSchema.parse(res.body).items.find((item) => item.current);
      return `/api/me/sessions/${current?.id ?? 0}`;
    },
  },
];
