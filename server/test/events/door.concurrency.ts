import { checkInResponseSchema } from '@itss/shared';
import { CheckInScanEntity } from '../../src/modules/events/check-in-scan.entity';
import { DataSource } from 'typeorm';
import { type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import { PDF, person } from '../support/joining';
import {
  publishedEvent,
  registered,
  registrationsRepo,
  sessionsRepo,
  ticketOf,
  uploaded,
} from './door-support';
import { EventMaterialEntity } from '../../src/modules/events/event-material.entity';

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/events/:id/check-ins',
    title:
      'six scans of one ticket at once check it in once (five already checked in, same time); six copies of one named scan all answer as the first, one scan row, one audit entry each',
    async run(env) {
      const staff = await person(env, 'o_door_race_staff', ['staff']);
      const event = await publishedEvent(env);
      const a = await registered(env, event, (await person(env, 'o_door_race_a')).id);
      const b = await registered(env, event, (await person(env, 'o_door_race_b')).id);
      const path = `/api/events/${event.eventId}/check-ins`;
      const plain = (
        await atOnce(
          env,
          times(6, { method: 'POST', path, token: staff.token, body: { ticketCode: ticketOf(env, a) } }),
        )
      ).map((answer) => checkInResponseSchema.parse(answer.body));
      expect(plain.map((answer) => answer.result).sort()).toEqual([
        'already_checked_in',
        'already_checked_in',
        'already_checked_in',
        'already_checked_in',
        'already_checked_in',
        'checked_in',
      ]);
      expect(new Set(plain.map((answer) => answer.checkedInAt)).size).toBe(1);
      const named = await atOnce(
        env,
        times(6, {
          method: 'POST',
          path,
          token: staff.token,
          body: { ticketCode: ticketOf(env, b), scanId: 'race-scan-000001' },
        }),
      );
      expect(tally(named)).toEqual({ '200': 6 });
      const answers = named.map((answer) => checkInResponseSchema.parse(answer.body));
      expect(new Set(answers.map((answer) => `${answer.result} ${answer.checkedInAt}`))).toEqual(
        new Set([`checked_in ${answers[0]!.checkedInAt}`]),
      );
      const scans = env.server.app.get(DataSource).getRepository(CheckInScanEntity);
      expect(await scans.countBy({ eventId: event.eventId })).toBe(1);
      expect(await auditRows(env, 'registration.checked_in')).toHaveLength(2);
      expect(await registrationsRepo(env).countBy({ eventId: event.eventId, checkedInBy: staff.id })).toBe(2);
    },
  },
  {
    route: 'POST /api/events/:id/walk-ins',
    title:
      'eight walk-ins for three seats left at once: three registered and checked in, five 409, never past the capacity',
    async run(env) {
      const staff = await person(env, 'o_door_walkin_staff', ['staff']);
      const event = await publishedEvent(env, { capacity: 5, taken: 2 });
      const answers = await atOnce(
        env,
        Array.from({ length: 8 }, (_, i) => ({
          method: 'POST' as const,
          path: `/api/events/${event.eventId}/walk-ins`,
          token: staff.token,
          body: { sessionId: event.sessionId, name: `来宾${i + 1}号` },
        })),
      );
      expect(tally(answers)).toEqual({ '201': 3, '409 REGISTRATION_NOT_ENOUGH_SEATS': 5 });
      expect((await sessionsRepo(env).findOneByOrFail({ id: event.sessionId })).taken).toBe(5);
      expect(await registrationsRepo(env).countBy({ eventId: event.eventId })).toBe(3);
      expect(await auditRows(env, 'registration.walk_in')).toHaveLength(3);
    },
  },
  {
    route: 'POST /api/registrations/:id/survey',
    title: 'six answers of one attendee at once: one kept (204), five 409 survey closed',
    async run(env) {
      const attendee = await person(env, 'o_survey_race');
      const event = await publishedEvent(env);
      const id = await registered(env, event, attendee.id, { checkedIn: true });
      const answers = await atOnce(
        env,
        Array.from({ length: 6 }, (_, i) => ({
          method: 'POST' as const,
          path: `/api/registrations/${id}/survey`,
          token: attendee.token,
          body: { rating: (i % 5) + 1 },
        })),
      );
      expect(tally(answers)).toEqual({ '204': 1, '409 REGISTRATION_SURVEY_CLOSED': 5 });
      const kept = answers.findIndex((answer) => answer.status === 204);
      expect((await registrationsRepo(env).findOneByOrFail({ id })).surveyRating).toBe((kept % 5) + 1);
    },
  },
  {
    route: 'POST /api/events/:id/materials',
    title: 'one PDF added six times at once: one material, six 201 with the same answer, one audit entry',
    async run(env) {
      const staff = await person(env, 'o_materials_race_staff', ['staff']);
      const event = await publishedEvent(env);
      const fileId = await uploaded(env, staff.token, PDF);
      const answers = await atOnce(
        env,
        times(6, {
          method: 'POST',
          path: `/api/events/${event.eventId}/materials`,
          token: staff.token,
          body: { fileId, title: '讲义' },
        }),
      );
      expect(tally(answers)).toEqual({ '201': 6 });
      expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
      const materials = env.server.app.get(DataSource).getRepository(EventMaterialEntity);
      expect(await materials.countBy({ eventId: event.eventId })).toBe(1);
      expect(await auditRows(env, 'event.material_added')).toHaveLength(1);
    },
  },
];
