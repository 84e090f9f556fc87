import type { AuthEnv } from '../support/auth-env';
import { type RouteAccess, STAFF } from '../support/role-matrix';
import { type TestEvent, publishedEvent } from './door-support';

/**
 * The door, certificates of attendance, the survey and materials. The door is staff's; objects of
 * one person (a registration, its certificate, its survey) are made for the caller, whose own they
 * are; whether someone else's answers 404 is in the features' own tests.
 */
let walkInEvent: TestEvent | null = null;

async function freshEvent(env: AuthEnv): Promise<TestEvent> {
  return publishedEvent(env, { capacity: 5 });
}

export const ACCESS: RouteAccess[] = [
  {
    method: 'POST',
    route: '/api/events/:id/check-ins',
    allowed: STAFF,
    path: async (env) => `/api/events/${(await freshEvent(env)).eventId}/check-ins`,
    body: async () => ({ ticketCode: 'not-a-ticket' }),
  },
  {
    method: 'POST',
    route: '/api/events/:id/walk-ins',
    allowed: STAFF,
    // The body is made first: it names the session of the event the path then names.
    body: async (env) => {
      walkInEvent = await freshEvent(env);
      return { sessionId: walkInEvent.sessionId, name: '现场来宾' };
    },
    path: async () => `/api/events/${walkInEvent?.eventId ?? 0}/walk-ins`,
  },
];
