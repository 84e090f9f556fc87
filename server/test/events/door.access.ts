import type { AuthEnv } from '../support/auth-env';
import { type Caller, type RouteAccess, SIGNED_IN, STAFF } from '../support/role-matrix';
import { type TestEvent, publishedEvent, registered, uploaded } from './door-support';
import { PDF } from '../support/joining';

/**
 * The door, certificates of attendance, the survey and materials. The door is staff's; objects of
 * one person (a registration, its certificate, its survey) are made for the caller, whose own they
 * are; whether someone else's answers 404 is in the features' own tests.
 */
let walkInEvent: TestEvent | null = null;

async function freshEvent(env: AuthEnv): Promise<TestEvent> {
  return publishedEvent(env, { capacity: 5 });
}

/** An event the caller registered for (anyone signed in may hold a registration). */
async function registeredEvent(env: AuthEnv, caller: Caller): Promise<number> {
  const event = await freshEvent(env);
  if (caller.userId !== null) await registered(env, event, caller.userId);
  return event.eventId;
}

/** A training the caller attended (checked in); for the anonymous persona an id that looks like one. */
async function attendedBy(env: AuthEnv, caller: Caller): Promise<number> {
  if (caller.userId === null) return 1;
  return registered(env, await freshEvent(env), caller.userId, { checkedIn: true });
}

export const ACCESS: RouteAccess[] = [
  {
    method: 'POST',
    route: '/api/events/:id/check-ins',
    allowed: STAFF,
    path: async (env) => `/api/events/${(await freshEvent(env)).eventId}/check-ins`,
    body: () => Promise.resolve({ ticketCode: 'not-a-ticket' }),
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
    path: () => Promise.resolve(`/api/events/${walkInEvent?.eventId ?? 0}/walk-ins`),
  },
  // The attendee's own certificate; anyone else's is 404 (attendance-certificates.e2e-spec.ts).
  {
    method: 'GET',
    route: '/api/registrations/:id/certificate',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/registrations/${await attendedBy(env, caller)}/certificate`,
  },
  {
    method: 'GET',
    route: '/api/registrations/:id/certificate.pdf',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/registrations/${await attendedBy(env, caller)}/certificate.pdf`,
  },
  // The attendee's own survey; anyone else's is 404 (survey.e2e-spec.ts).
  {
    method: 'POST',
    route: '/api/registrations/:id/survey',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/registrations/${await attendedBy(env, caller)}/survey`,
    body: () => Promise.resolve({ rating: 5, comment: '很有收获' }),
  },
  // Registrants of the event and staff; others 404 (materials.e2e-spec.ts).
  {
    method: 'GET',
    route: '/api/events/:id/materials',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/events/${await registeredEvent(env, caller)}/materials`,
  },
  {
    method: 'POST',
    route: '/api/events/:id/materials',
    allowed: STAFF,
    path: async (env) => `/api/events/${(await freshEvent(env)).eventId}/materials`,
    body: async (env, caller) => ({
      fileId: caller.token ? await uploaded(env, caller.token, PDF) : 1,
      title: '讲义',
    }),
  },
];
