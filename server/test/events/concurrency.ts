import { type RegistrationCreated, eventDetailSchema } from '@itss/shared';
import { In } from 'typeorm';
import { type AuthEnv, bearer } from '../support/auth-env';
import { type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import {
  createEvent,
  eventBody,
  eventRows,
  offeredRegistration,
  publishedEvent,
  register,
  registrant,
  registrationRows,
  sessionRows,
  staffMember,
} from './core-support';

async function people(env: AuthEnv, n: number): Promise<{ id: number; token: string }[]> {
  const made = [];
  for (let i = 0; i < n; i++) made.push(await registrant(env));
  return made;
}

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/events/:id/registrations',
    title:
      '30 people at once for 10 seats: exactly 10 confirmed, 20 waitlisted in id order; one person six times: one registration',
    async run(env) {
      const staff = await staffMember(env);
      const event = await publishedEvent(env, staff.token, eventBody(10));
      const crowd = await people(env, 30);
      const answers = await atOnce(
        env,
        crowd.map((who) => ({
          method: 'POST' as const,
          path: `/api/events/${event.id}/registrations`,
          token: who.token,
          body: { sessionId: event.sessions[0]!.id, name: '张三' },
        })),
      );
      expect(tally(answers)).toEqual({ '201': 30 });
      const rows = await registrationRows(env).find({ where: { eventId: event.id }, order: { id: 'ASC' } });
      expect(rows.filter((row) => row.state === 'confirmed')).toHaveLength(10);
      const waitlisted = rows.filter((row) => row.state === 'waitlisted');
      expect(waitlisted).toHaveLength(20);
      const positions = new Map(
        answers.map((answer) => {
          const body = answer.body as { id: number; position?: number };
          return [body.id, body.position];
        }),
      );
      expect(waitlisted.map((row) => positions.get(row.id))).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      expect((await sessionRows(env).findOneByOrFail({ id: event.sessions[0]!.id })).taken).toBe(10);

      const one = await registrant(env);
      const again = await atOnce(
        env,
        times(6, {
          method: 'POST',
          path: `/api/events/${event.id}/registrations`,
          token: one.token,
          body: { sessionId: event.sessions[0]!.id, name: '李四' },
        }),
      );
      expect(tally(again)).toEqual({ '201': 1, '409 REGISTRATION_DUPLICATE': 5 });
      expect(await registrationRows(env).countBy({ eventId: event.id, userId: one.id })).toBe(1);
    },
  },
  {
    route: 'POST /api/registrations/:id/cancel',
    title:
      'seat holders cancel at once with people waiting: each seat offered once, to the first in line, in order',
    async run(env) {
      const staff = await staffMember(env);
      const event = await publishedEvent(env, staff.token, eventBody(2));
      const [a, b, c, d] = await people(env, 4);
      const ra = await register(env, a!.token, event);
      const rb = await register(env, b!.token, event);
      await register(env, c!.token, event);
      await register(env, d!.token, event);
      const answers = await atOnce(env, [
        ...times(3, { method: 'POST', path: `/api/registrations/${ra.id}/cancel`, token: a!.token }),
        ...times(3, { method: 'POST', path: `/api/registrations/${rb.id}/cancel`, token: b!.token }),
      ]);
      expect(tally(answers)).toEqual({ '200': 2, '409 REGISTRATION_CANNOT_CANCEL': 4 });
      const rows = await registrationRows(env).find({ where: { eventId: event.id }, order: { id: 'ASC' } });
      expect(rows.map((row) => row.state)).toEqual(['cancelled', 'cancelled', 'offered', 'offered']);
      expect((await sessionRows(env).findOneByOrFail({ id: event.sessions[0]!.id })).taken).toBe(2);

      // Eight holders leave at once with ten in line: the first eight in line are offered, in order.
      const full = await publishedEvent(env, staff.token, eventBody(8));
      const holders = await people(env, 8);
      const made: RegistrationCreated[] = [];
      for (const who of holders) made.push(await register(env, who.token, full));
      for (const who of await people(env, 10)) await register(env, who.token, full);
      const left = await atOnce(
        env,
        holders.map((who, i) => ({
          method: 'POST' as const,
          path: `/api/registrations/${made[i]!.id}/cancel`,
          token: who.token,
        })),
      );
      expect(tally(left)).toEqual({ '200': 8 });
      const line = await registrationRows(env).find({ where: { eventId: full.id }, order: { id: 'ASC' } });
      expect(line.map((row) => row.state)).toEqual([
        ...Array<string>(8).fill('cancelled'),
        ...Array<string>(8).fill('offered'),
        'waitlisted',
        'waitlisted',
      ]);
      expect((await sessionRows(env).findOneByOrFail({ id: full.sessions[0]!.id })).taken).toBe(8);

      // The registrant and staff cancel one registration at once: cancelled once, audited at most once.
      const [own] = await people(env, 1);
      const mine = await register(env, own!.token, await publishedEvent(env, staff.token, eventBody(3)));
      const both = await atOnce(env, [
        { method: 'POST', path: `/api/registrations/${mine.id}/cancel`, token: own!.token },
        { method: 'POST', path: `/api/registrations/${mine.id}/cancel`, token: staff.token },
      ]);
      expect(tally(both)).toEqual({ '200': 1, '409 REGISTRATION_CANNOT_CANCEL': 1 });
      const audited = (await auditRows(env, 'registration.cancelled_by_staff')).filter(
        (row) => row.target === `registration:${mine.id}`,
      );
      expect(audited.length).toBeLessThanOrEqual(1);
    },
  },
  {
    route: 'POST /api/registrations/:id/confirm',
    title:
      'six confirmations of one offered seat at once: one confirms, five are told there is nothing to confirm',
    async run(env) {
      const staff = await staffMember(env);
      const who = await registrant(env);
      const id = await offeredRegistration(env, staff.token, who.token);
      const answers = await atOnce(
        env,
        times(6, { method: 'POST', path: `/api/registrations/${id}/confirm`, token: who.token }),
      );
      expect(tally(answers)).toEqual({ '200': 1, '409 REGISTRATION_NOTHING_TO_CONFIRM': 5 });
      expect(await registrationRows(env).findOneByOrFail({ id })).toMatchObject({ state: 'confirmed' });
    },
  },
  {
    route: 'POST /api/events',
    title: 'six creations at once: six drafts, each with its sessions and one audit entry',
    async run(env) {
      const staff = await staffMember(env);
      const answers = await atOnce(
        env,
        times(6, { method: 'POST', path: '/api/events', token: staff.token, body: eventBody(3) }),
      );
      expect(tally(answers)).toEqual({ '201': 6 });
      const ids = answers.map((answer) => eventDetailSchema.parse(answer.body).id);
      expect(await sessionRows(env).countBy({ eventId: In(ids) })).toBe(6);
      expect(await auditRows(env, 'event.created')).toHaveLength(6);
    },
  },
  {
    route: 'PATCH /api/events/:id',
    title:
      'two raises of a full session at once with three waiting: the new seats offered once each, never past capacity',
    async run(env) {
      const staff = await staffMember(env);
      const event = await publishedEvent(env, staff.token, eventBody(1));
      for (const who of await people(env, 4)) await register(env, who.token, event);
      const session = event.sessions[0]!;
      const body = {
        sessions: [
          {
            id: session.id,
            title: session.title,
            startsAt: session.startsAt,
            endsAt: session.endsAt,
            capacity: 3,
          },
        ],
      };
      const answers = await atOnce(
        env,
        times(2, { method: 'PATCH', path: `/api/events/${event.id}`, token: staff.token, body }),
      );
      expect(tally(answers)).toEqual({ '200': 2 });
      const rows = await registrationRows(env).find({ where: { eventId: event.id }, order: { id: 'ASC' } });
      expect(rows.map((row) => row.state)).toEqual(['confirmed', 'offered', 'offered', 'waitlisted']);
      expect(await sessionRows(env).findOneByOrFail({ id: session.id })).toMatchObject({
        capacity: 3,
        taken: 3,
      });
    },
  },
  {
    route: 'POST /api/events/:id/publish',
    title: 'six publications of one draft at once: one publishes, five 409, one audit entry',
    async run(env) {
      const staff = await staffMember(env);
      const draft = await createEvent(env, staff.token, eventBody(3));
      const answers = await atOnce(
        env,
        times(6, { method: 'POST', path: `/api/events/${draft.id}/publish`, token: staff.token }),
      );
      expect(tally(answers)).toEqual({ '200': 1, '409 EVENT_WRONG_STATE': 5 });
      expect(await auditRows(env, 'event.published')).toHaveLength(1);
    },
  },
  {
    route: 'POST /api/events/:id/cancel',
    title: 'six cancellations of one event at once: one cancels, five 409; each registrant told once',
    async run(env) {
      const staff = await staffMember(env);
      const event = await publishedEvent(env, staff.token, eventBody(1));
      const [a, b] = await people(env, 2);
      await register(env, a!.token, event);
      await register(env, b!.token, event);
      const answers = await atOnce(
        env,
        times(6, {
          method: 'POST',
          path: `/api/events/${event.id}/cancel`,
          token: staff.token,
          body: { reason: '场地原因' },
        }),
      );
      expect(tally(answers)).toEqual({ '200': 1, '409 EVENT_WRONG_STATE': 5 });
      expect((await eventRows(env).findOneByOrFail({ id: event.id })).state).toBe('cancelled');
      for (const who of [a!, b!]) {
        const messages = (await env.server.get('/api/messages', { headers: bearer(who.token) })).body as {
          items: { purpose: string }[];
        };
        expect(messages.items.filter((m) => m.purpose === 'event_cancelled')).toHaveLength(1);
      }
      expect(await auditRows(env, 'event.cancelled')).toHaveLength(1);
    },
  },
];
