import { type EventDetail, eventCoverUrl, storedFileSchema } from '@itss/shared';
import { type Caller, type RouteAccess, EVERYONE, SIGNED_IN, STAFF } from '../support/role-matrix';
import type { AuthEnv } from '../support/auth-env';
import { PNG, uploadRaw } from '../support/joining';
import {
  createEvent,
  eventBody,
  offeredRegistration,
  publishedEvent,
  register,
  registrant,
  staffMember,
} from './core-support';

/** One published event with room for every check of the matrix, per environment. */
const shared = new WeakMap<AuthEnv, Promise<EventDetail>>();
function sharedEvent(env: AuthEnv): Promise<EventDetail> {
  let event = shared.get(env);
  if (!event) {
    event = staffMember(env).then((staff) => publishedEvent(env, staff.token, eventBody(500)));
    shared.set(env, event);
  }
  return event;
}

/** The cover of a published event, per environment. */
const covers = new WeakMap<AuthEnv, Promise<number>>();
function publicCover(env: AuthEnv): Promise<number> {
  let cover = covers.get(env);
  if (!cover) {
    cover = staffMember(env).then(async (staff) => {
      const fileId = storedFileSchema.parse((await uploadRaw(env, staff.token, PNG, '封面.png')).body).id;
      await publishedEvent(env, staff.token, eventBody(5, { coverFileId: fileId }));
      return fileId;
    });
    covers.set(env, cover);
  }
  return cover;
}

/** A confirmed registration of the caller (who binds a phone for it); an id that looks like one otherwise. */
async function ownRegistration(env: AuthEnv, caller: Caller): Promise<number> {
  if (!caller.token) return 1;
  await registrant(env, caller.token);
  return (await register(env, caller.token, await sharedEvent(env))).id;
}

/** The caller's own registration; for staff, someone else's. */
async function cancellableBy(env: AuthEnv, caller: Caller): Promise<number> {
  if (!isStaffCaller(caller)) return ownRegistration(env, caller);
  const other = await registrant(env);
  return (await register(env, other.token, await sharedEvent(env))).id;
}

async function ownOffer(env: AuthEnv, caller: Caller): Promise<number> {
  if (!caller.token) return 1;
  await registrant(env, caller.token);
  return offeredRegistration(env, (await staffMember(env)).token, caller.token);
}

const isStaffCaller = (caller: Caller) => caller.persona === 'staff' || caller.persona === 'admin';

/** A fresh draft for staff to publish; an id that looks like one for anyone else. */
async function draftFor(env: AuthEnv, caller: Caller): Promise<number> {
  if (!isStaffCaller(caller)) return 1;
  return (await createEvent(env, (await staffMember(env)).token, eventBody(5))).id;
}

async function publishedFor(env: AuthEnv, caller: Caller): Promise<number> {
  if (!isStaffCaller(caller)) return 1;
  return (await publishedEvent(env, (await staffMember(env)).token, eventBody(5))).id;
}

export const ACCESS: RouteAccess[] = [
  { method: 'GET', route: '/api/events', allowed: EVERYONE },
  {
    method: 'GET',
    route: '/api/events/:id',
    allowed: EVERYONE,
    path: async (env) => `/api/events/${(await sharedEvent(env)).id}`,
  },
  {
    method: 'GET',
    route: '/api/events/covers/:fileId',
    allowed: EVERYONE,
    path: async (env) => eventCoverUrl(await publicCover(env)),
  },
  {
    method: 'POST',
    route: '/api/events',
    allowed: STAFF,
    body: () => Promise.resolve(eventBody(5)),
  },
  {
    method: 'PATCH',
    route: '/api/events/:id',
    allowed: STAFF,
    path: async (env, caller) => `/api/events/${await draftFor(env, caller)}`,
    body: () => Promise.resolve({ title: '修改后的活动标题' }),
  },
  {
    method: 'POST',
    route: '/api/events/:id/publish',
    allowed: STAFF,
    path: async (env, caller) => `/api/events/${await draftFor(env, caller)}/publish`,
  },
  {
    method: 'POST',
    route: '/api/events/:id/cancel',
    allowed: STAFF,
    path: async (env, caller) => `/api/events/${await publishedFor(env, caller)}/cancel`,
    body: () => Promise.resolve({ reason: '场地原因' }),
  },
  {
    method: 'POST',
    route: '/api/events/:id/registrations',
    allowed: SIGNED_IN,
    path: async (env) => `/api/events/${(await sharedEvent(env)).id}/registrations`,
    body: async (env, caller) => {
      if (caller.token) await registrant(env, caller.token);
      return { sessionId: (await sharedEvent(env)).sessions[0]!.id, name: '张三' };
    },
  },
  {
    method: 'GET',
    route: '/api/events/:id/registrations',
    allowed: STAFF,
    path: async (env) => `/api/events/${(await sharedEvent(env)).id}/registrations`,
  },
  { method: 'GET', route: '/api/registrations/mine', allowed: SIGNED_IN },
  {
    method: 'GET',
    route: '/api/registrations/:id',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/registrations/${await ownRegistration(env, caller)}`,
  },
  {
    method: 'GET',
    route: '/api/registrations/:id/ticket.png',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/registrations/${await ownRegistration(env, caller)}/ticket.png`,
  },
  {
    method: 'POST',
    route: '/api/registrations/:id/confirm',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/registrations/${await ownOffer(env, caller)}/confirm`,
  },
  {
    // A registrant cancels their own; staff cancel anyone's (here another person's).
    method: 'POST',
    route: '/api/registrations/:id/cancel',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/registrations/${await cancellableBy(env, caller)}/cancel`,
  },
];
