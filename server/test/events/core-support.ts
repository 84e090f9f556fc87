import {
  type EventCreate,
  type EventDetail,
  type RegistrationCreated,
  eventDetailSchema,
  registrationCreatedSchema,
} from '@itss/shared';
import { DataSource } from 'typeorm';
import { EventSessionEntity } from '../../src/modules/events/event-session.entity';
import { EventEntity } from '../../src/modules/events/event.entity';
import { RegistrationEntity } from '../../src/modules/events/registration.entity';
import { type AuthEnv, bearer, postJson, seedOf } from '../support/auth-env';
import { person } from '../support/joining';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
let sequence = 0;

export const ds = (env: AuthEnv) => env.server.app.get(DataSource);
export const eventRows = (env: AuthEnv) => ds(env).getRepository(EventEntity);
export const sessionRows = (env: AuthEnv) => ds(env).getRepository(EventSessionEntity);
export const registrationRows = (env: AuthEnv) => ds(env).getRepository(RegistrationEntity);

/** An instant `ms` from now, to the second. */
export const fromNow = (ms: number): string =>
  new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString();
export { DAY, HOUR };

export function staffMember(env: AuthEnv): Promise<{ id: number; token: string }> {
  return person(env, `o_ev_staff_${sequence++}`, ['staff']);
}

/** A signed-in person with a bound phone, who may register. */
export async function registrant(env: AuthEnv, token?: string): Promise<{ id: number; token: string }> {
  const me = token ? { id: 0, token } : await person(env, `o_ev_person_${sequence++}`);
  await seedOf(env).bindPhone(me.token, `139${String(10_000_000 + sequence++).slice(-8)}`);
  return me;
}

/** A free training open to everyone now, in ten days, with one session of `capacity` seats. */
export function eventBody(capacity = 10, overrides: Partial<EventCreate> = {}): EventCreate {
  return {
    kind: 'training',
    title: `ITSS 宣贯培训 ${sequence++}`,
    summary: '运维标准宣贯',
    description: '<p>培训介绍<script>alert(1)</script></p>',
    place: { mode: 'offline', address: '北京市海淀区中关村' },
    startsAt: fromNow(10 * DAY),
    endsAt: fromNow(10 * DAY + 3 * HOUR),
    memberOpensAt: fromNow(-2 * HOUR),
    publicOpensAt: fromNow(-HOUR),
    closesAt: fromNow(9 * DAY),
    audience: 'everyone',
    hours: 3.5,
    sessions: [
      { title: '全天', startsAt: fromNow(10 * DAY), endsAt: fromNow(10 * DAY + 3 * HOUR), capacity },
    ],
    ...overrides,
  };
}

export async function createEvent(env: AuthEnv, staffToken: string, body: EventCreate): Promise<EventDetail> {
  const res = await postJson(env, '/api/events', body, bearer(staffToken));
  if (res.status !== 201) throw new Error(`create event: ${res.status} ${JSON.stringify(res.body)}`);
  return eventDetailSchema.parse(res.body);
}

/** Created and published by staff. */
export async function publishedEvent(
  env: AuthEnv,
  staffToken: string,
  body = eventBody(),
): Promise<EventDetail> {
  const made = await createEvent(env, staffToken, body);
  const res = await postJson(env, `/api/events/${made.id}/publish`, {}, bearer(staffToken));
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
  return eventDetailSchema.parse(res.body);
}

export function registerRaw(env: AuthEnv, token: string, event: EventDetail, sessionIndex = 0) {
  return postJson(
    env,
    `/api/events/${event.id}/registrations`,
    { sessionId: event.sessions[sessionIndex]!.id, name: '张三' },
    bearer(token),
  );
}

export async function register(
  env: AuthEnv,
  token: string,
  event: EventDetail,
): Promise<RegistrationCreated> {
  const res = await registerRaw(env, token, event);
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  return registrationCreatedSchema.parse(res.body);
}

/**
 * A registration of `token`'s person in the state `offered`: a one-seat event whose seat someone
 * else took and gave back while this person waited.
 */
export async function offeredRegistration(env: AuthEnv, staffToken: string, token: string): Promise<number> {
  const event = await publishedEvent(env, staffToken, eventBody(1));
  const first = await registrant(env);
  const taken = await register(env, first.token, event);
  const waiting = await register(env, token, event);
  const res = await postJson(env, `/api/registrations/${taken.id}/cancel`, {}, bearer(first.token));
  if (res.status !== 200) throw new Error(`cancel: ${res.status} ${JSON.stringify(res.body)}`);
  return waiting.id;
}
