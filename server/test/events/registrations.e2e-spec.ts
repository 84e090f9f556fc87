import {
  TICKET_CODE_PATTERN,
  errorBodySchema,
  registrationListSchema,
  registrationPageSchema,
  registrationSchema,
} from '@itss/shared';
import { JobScheduler } from '../../src/jobs/job-scheduler';
import { TicketCodes } from '../../src/modules/events/ticket-codes';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { person } from '../support/joining';
import {
  HOUR,
  eventBody,
  eventRows,
  offeredRegistration,
  publishedEvent,
  register,
  registerRaw,
  registrant,
  registrationRows,
  sessionRows,
  staffMember,
} from './core-support';

const get = (env: AuthEnv, path: string, token: string) => env.server.get(path, { headers: bearer(token) });
const code = (res: { status: number; body: unknown }) => [res.status, errorBodySchema.parse(res.body).code];

describe('registrations: seats, the waiting list, offers and tickets', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await staffMember(env);
  });
  afterAll(() => env.close());

  it('confirms while seats last, then waitlists in order; a cancelled seat is offered to the first in line', async () => {
    const event = await publishedEvent(env, staff.token, eventBody(2));
    const people = [
      await registrant(env),
      await registrant(env),
      await registrant(env),
      await registrant(env),
    ];
    const made = [];
    for (const who of people) made.push(await register(env, who.token, event));
    expect(made.map((entry) => [entry.state, entry.position])).toEqual([
      ['confirmed', undefined],
      ['confirmed', undefined],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    const cancelled = await postJson(
      env,
      `/api/registrations/${made[0]!.id}/cancel`,
      {},
      bearer(people[0]!.token),
    );
    expect(cancelled.body).toEqual({ state: 'cancelled', refundFen: 0 });
    const offered = registrationSchema.parse(
      (await get(env, `/api/registrations/${made[2]!.id}`, people[2]!.token)).body,
    );
    expect(offered).toMatchObject({ state: 'offered', ticketCode: null });
    expect(Date.parse(offered.holdExpiresAt ?? '')).toBeGreaterThan(Date.now() + 23 * HOUR);
    const fourth = registrationSchema.parse(
      (await get(env, `/api/registrations/${made[3]!.id}`, people[3]!.token)).body,
    );
    expect(fourth).toMatchObject({ state: 'waitlisted', position: 1 });
    const messages = (await get(env, '/api/messages', people[2]!.token)).body as {
      items: { purpose: string }[];
    };
    expect(messages.items.map((m) => m.purpose)).toContain('event_seat_offered');
    expect((await sessionRows(env).findOneByOrFail({ id: event.sessions[0]!.id })).taken).toBe(2);

    const confirmed = await postJson(
      env,
      `/api/registrations/${made[2]!.id}/confirm`,
      {},
      bearer(people[2]!.token),
    );
    expect(confirmed.body).toEqual({ state: 'confirmed', order: null });
    const again = await postJson(
      env,
      `/api/registrations/${made[2]!.id}/confirm`,
      {},
      bearer(people[2]!.token),
    );
    expect(code(again)).toEqual([409, 'REGISTRATION_NOTHING_TO_CONFIRM']);
    const ticket = registrationSchema.parse(
      (await get(env, `/api/registrations/${made[2]!.id}`, people[2]!.token)).body,
    );
    expect(ticket.ticketCode).toMatch(TICKET_CODE_PATTERN);
    expect(env.server.app.get(TicketCodes).verify(ticket.ticketCode ?? '')).toBe(made[2]!.id);

    const mine = registrationListSchema.parse(
      (await get(env, '/api/registrations/mine', people[0]!.token)).body,
    );
    expect(mine.items.map((item) => [item.id, item.state])).toEqual([[made[0]!.id, 'cancelled']]);
    const staffList = registrationPageSchema.parse(
      (await get(env, `/api/events/${event.id}/registrations?state=confirmed`, staff.token)).body,
    );
    expect(staffList.items.map((item) => item.id)).toEqual([made[1]!.id, made[2]!.id]);
    expect(staffList.items[0]!.phoneMasked).toMatch(/^139\*{4}\d{4}$/);
  });

  it('draws the ticket for its owner and staff while confirmed; anyone else, or a waitlisted one, 404', async () => {
    const event = await publishedEvent(env, staff.token, eventBody(1));
    const owner = await registrant(env);
    const other = await registrant(env);
    const mine = await register(env, owner.token, event);
    const waiting = await register(env, other.token, event);
    const png = await get(env, `/api/registrations/${mine.id}/ticket.png`, owner.token);
    expect([png.status, png.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect((await get(env, `/api/registrations/${mine.id}/ticket.png`, staff.token)).status).toBe(200);
    expect((await get(env, `/api/registrations/${mine.id}/ticket.png`, other.token)).status).toBe(404);
    expect((await get(env, `/api/registrations/${mine.id}`, other.token)).status).toBe(404);
    expect((await get(env, `/api/registrations/${waiting.id}/ticket.png`, other.token)).status).toBe(404);
    const cancelOther = await postJson(env, `/api/registrations/${mine.id}/cancel`, {}, bearer(other.token));
    expect(cancelOther.status).toBe(404);
  });

  it('refuses twice for one session, without a phone, and for a members-only event by a non-member', async () => {
    const event = await publishedEvent(env, staff.token, eventBody(5));
    const who = await registrant(env);
    await register(env, who.token, event);
    expect(code(await registerRaw(env, who.token, event))).toEqual([409, 'REGISTRATION_DUPLICATE']);
    const phoneless = await person(env, 'o_ev_phoneless');
    expect(code(await registerRaw(env, phoneless.token, event))).toEqual([
      400,
      'REGISTRATION_PHONE_REQUIRED',
    ]);
    const membersOnly = await publishedEvent(
      env,
      staff.token,
      eventBody(5, { audience: 'members', publicOpensAt: null }),
    );
    expect(code(await registerRaw(env, who.token, membersOnly))).toEqual([403, 'REGISTRATION_NOT_ELIGIBLE']);
    const wrongSession = await postJson(
      env,
      `/api/events/${event.id}/registrations`,
      { sessionId: membersOnly.sessions[0]!.id, name: '张三' },
      bearer(who.token),
    );
    expect(code(wrongSession)).toEqual([404, 'REGISTRATION_SESSION_NOT_FOUND']);
    for (const body of [
      {},
      { sessionId: 'x', name: '张三' },
      '{',
      { sessionId: 1, name: '张三', extra: 1 },
    ]) {
      const res = await postJson(env, `/api/events/${event.id}/registrations`, body, bearer(who.token));
      expect(res.status).toBe(400);
    }
    expect(
      (
        await postJson(
          env,
          '/api/events/999999/registrations',
          { sessionId: 1, name: '张三' },
          bearer(who.token),
        )
      ).status,
    ).toBe(404);
  });

  it('lets an offer run out: the job cancels it and passes the seat on', async () => {
    const waiting = await registrant(env);
    const offeredId = await offeredRegistration(env, staff.token, waiting.token);
    const row = await registrationRows(env).findOneByOrFail({ id: offeredId });
    const next = await registrant(env);
    const queued = await postJson(
      env,
      `/api/events/${row.eventId}/registrations`,
      { sessionId: row.sessionId, name: '王五' },
      bearer(next.token),
    );
    expect(queued.status).toBe(201);
    await env.server.app.get(JobScheduler).runNow('events.expire-holds', new Date(Date.now() + 25 * HOUR));
    expect(await registrationRows(env).findOneByOrFail({ id: offeredId })).toMatchObject({
      state: 'cancelled',
    });
    const passed = await registrationRows(env).findOneByOrFail({ id: (queued.body as { id: number }).id });
    expect(passed.state).toBe('offered');
    expect((await sessionRows(env).findOneByOrFail({ id: row.sessionId })).taken).toBe(1);
    const late = await postJson(env, `/api/registrations/${offeredId}/confirm`, {}, bearer(waiting.token));
    expect(code(late)).toEqual([409, 'REGISTRATION_NOTHING_TO_CONFIRM']);
  });

  it('refuses cancelling after registration closed', async () => {
    const event = await publishedEvent(env, staff.token, eventBody(5));
    const who = await registrant(env);
    const made = await register(env, who.token, event);
    await eventRows(env).update({ id: event.id }, { closesAt: new Date(Date.now() - 1000) });
    const res = await postJson(env, `/api/registrations/${made.id}/cancel`, {}, bearer(who.token));
    expect(code(res)).toEqual([409, 'REGISTRATION_CANNOT_CANCEL']);
  });

  it('a waitlisted registrant leaves the line without touching the seats; staff filter by state and check-in', async () => {
    const event = await publishedEvent(env, staff.token, eventBody(1));
    const [a, b, c] = [await registrant(env), await registrant(env), await registrant(env)];
    await register(env, a.token, event);
    const second = await register(env, b.token, event);
    const third = await register(env, c.token, event);
    const left = await postJson(env, `/api/registrations/${second.id}/cancel`, {}, bearer(b.token));
    expect(left.body).toEqual({ state: 'cancelled', refundFen: 0 });
    expect((await sessionRows(env).findOneByOrFail({ id: event.sessions[0]!.id })).taken).toBe(1);
    const moved = registrationSchema.parse((await get(env, `/api/registrations/${third.id}`, c.token)).body);
    expect(moved).toMatchObject({ state: 'waitlisted', position: 1 });
    const waiting = registrationPageSchema.parse(
      (await get(env, `/api/events/${event.id}/registrations?state=waitlisted`, staff.token)).body,
    );
    expect(waiting.items.map((item) => [item.id, item.position])).toEqual([[third.id, 1]]);
    const checkedIn = registrationPageSchema.parse(
      (await get(env, `/api/events/${event.id}/registrations?state=checked_in`, staff.token)).body,
    );
    expect(checkedIn.items).toEqual([]);
    const bad = await get(env, `/api/events/${event.id}/registrations?state=nope`, staff.token);
    expect(bad.status).toBe(400);
    expect((await get(env, '/api/events/999999/registrations', staff.token)).status).toBe(404);
  });
});
