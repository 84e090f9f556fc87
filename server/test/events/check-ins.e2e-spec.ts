import { checkInResponseSchema } from '@itss/shared';
import { auditRows } from '../support/concurrency';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { person } from '../support/joining';
import {
  publishedEvent,
  registered,
  registrationsRepo,
  scanAt,
  sessionsRepo,
  ticketOf,
} from './door-support';

describe('check-in at the door', () => {
  let env: AuthEnv;
  let staff: string;
  let attendee: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = (await person(env, 'o_door_staff', ['staff'])).token;
    attendee = await person(env, 'o_door_attendee');
  });
  afterAll(() => env.close());

  async function scan(eventId: number, body: unknown) {
    const res = await scanAt(env, staff, eventId, body);
    expect(res.status).toBe(200);
    return checkInResponseSchema.parse(res.body);
  }

  it('checks a confirmed ticket in once; a second scan says so with the first time', async () => {
    const event = await publishedEvent(env);
    const id = await registered(env, event, attendee.id, { name: '李四' });
    const first = await scan(event.eventId, { ticketCode: ticketOf(env, id) });
    expect(first).toEqual({
      result: 'checked_in',
      checkedInAt: expect.any(String) as string,
      name: '李四',
      sessionTitle: '上午场',
      checkedInCount: 1,
    });
    const again = await scan(event.eventId, { ticketCode: ` ${ticketOf(env, id)} ` });
    expect(again).toEqual({ ...first, result: 'already_checked_in' });
    const row = await registrationsRepo(env).findOneByOrFail({ id });
    expect(row.checkedInAt?.toISOString()).toBe(first.checkedInAt);
    expect(await auditRows(env, 'registration.checked_in')).toHaveLength(1);
  });

  it('answers forged, malformed, unknown, other-event, cancelled and unconfirmed tickets, never 5xx', async () => {
    const event = await publishedEvent(env);
    const other = await publishedEvent(env);
    const elsewhere = await registered(env, other, attendee.id);
    const cancelled = await registered(env, event, attendee.id, { state: 'cancelled' });
    const real = ticketOf(env, elsewhere);
    const forged = `${real.split('.')[0]}.${'A'.repeat(16)}`;
    const cases: [string, string][] = [
      [forged, 'unknown'],
      [`${(elsewhere + 1).toString(36)}.${real.split('.')[1]}`, 'unknown'],
      [ticketOf(env, 987_654), 'unknown'],
      ['hello', 'unknown'],
      ['.', 'unknown'],
      ['zzzzzzzzzz.AAAAAAAAAAAAAAAA', 'unknown'],
      ['0.AAAAAAAAAAAAAAAA', 'unknown'],
      ['x'.repeat(100), 'unknown'],
      ['https://example.org/?code=abc', 'unknown'],
      ['%00<script>', 'unknown'],
      [real, 'wrong_event'],
      [ticketOf(env, cancelled), 'cancelled'],
    ];
    for (const state of ['waitlisted', 'offered', 'awaiting_payment'] as const) {
      const user = await person(env, `o_door_${state}`);
      cases.push([ticketOf(env, await registered(env, event, user.id, { state })), 'not_confirmed']);
    }
    for (const [ticketCode, result] of cases) {
      const answer = await scan(event.eventId, { ticketCode });
      expect({ ticketCode, result: answer.result, count: answer.checkedInCount }).toEqual({
        ticketCode,
        result,
        count: 0,
      });
    }
    // A ticket of another event names nobody here.
    expect(await scan(event.eventId, { ticketCode: real })).toEqual({
      result: 'wrong_event',
      checkedInCount: 0,
    });
    const rows = await registrationsRepo(env).findBy({ eventId: event.eventId });
    expect(rows.map((row) => row.checkedInAt)).toEqual([null, null, null, null]);
    expect(await auditRows(env, 'registration.checked_in')).toHaveLength(1);
  });

  it('refuses only a malformed body (400), and an unknown event is 404', async () => {
    const event = await publishedEvent(env);
    for (const body of [
      {},
      { ticketCode: '' },
      { ticketCode: '   ' },
      { ticketCode: 'x'.repeat(101) },
      { ticketCode: 12 },
      { ticketCode: 'abc', extra: true },
      { ticketCode: 'abc', scanId: 'short' },
      { ticketCode: 'abc', scanId: 'has spaces in it' },
      'not json',
    ]) {
      const res = await scanAt(env, staff, event.eventId, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const res = await scanAt(env, staff, 987_654, { ticketCode: 'abc' });
    expect(res.status).toBe(404);
  });

  it('answers a named scan sent again as the first time, counted once', async () => {
    const event = await publishedEvent(env);
    const a = await registered(env, event, attendee.id, { name: '王五' });
    const b = await registered(env, event, (await person(env, 'o_door_b')).id, { name: '赵六' });
    const first = await scan(event.eventId, { ticketCode: ticketOf(env, a), scanId: 'scan-0001-aaaa' });
    expect(first).toMatchObject({ result: 'checked_in', checkedInCount: 1 });
    const resent = await scan(event.eventId, { ticketCode: ticketOf(env, a), scanId: 'scan-0001-aaaa' });
    expect(resent).toEqual(first);
    // The same ticket scanned anew is a second scan.
    expect(
      await scan(event.eventId, { ticketCode: ticketOf(env, a), scanId: 'scan-0002-aaaa' }),
    ).toMatchObject({
      result: 'already_checked_in',
      checkedInAt: first.checkedInAt,
    });
    expect(
      await scan(event.eventId, { ticketCode: ticketOf(env, b), scanId: 'scan-0003-aaaa' }),
    ).toMatchObject({
      result: 'checked_in',
      checkedInCount: 2,
    });
    expect(await scan(event.eventId, { ticketCode: ticketOf(env, a), scanId: 'scan-0001-aaaa' })).toEqual({
      ...first,
      checkedInCount: 2,
    });
    // A forged scan re-sent is answered as before too.
    for (let i = 0; i < 2; i++) {
      expect(await scan(event.eventId, { ticketCode: 'forged', scanId: 'scan-0004-aaaa' })).toEqual({
        result: 'unknown',
        checkedInCount: 2,
      });
    }
    expect(await auditRows(env, 'registration.checked_in')).toHaveLength(3);
  });

  describe('walk-ins', () => {
    it('registers someone at the door on a seat left and checks them in', async () => {
      const event = await publishedEvent(env, { capacity: 2, taken: 1 });
      const res = await postJson(
        env,
        `/api/events/${event.eventId}/walk-ins`,
        { sessionId: event.sessionId, name: '钱七', unitName: '上海示例公司', phone: '13900000001' },
        bearer(staff),
      );
      expect(res.status).toBe(201);
      expect(checkInResponseSchema.parse(res.body)).toEqual({
        result: 'checked_in',
        checkedInAt: expect.any(String) as string,
        name: '钱七',
        sessionTitle: '上午场',
        checkedInCount: 1,
      });
      expect((await sessionsRepo(env).findOneByOrFail({ id: event.sessionId })).taken).toBe(2);
      const row = await registrationsRepo(env).findOneByOrFail({ eventId: event.eventId });
      expect(row).toMatchObject({ state: 'confirmed', name: '钱七', phone: '13900000001', liveUserId: null });
      expect(await auditRows(env, 'registration.walk_in')).toHaveLength(1);
      // Their ticket, scanned later, is already checked in.
      expect(await scan(event.eventId, { ticketCode: ticketOf(env, row.id) })).toMatchObject({
        result: 'already_checked_in',
      });
      const full = await postJson(
        env,
        `/api/events/${event.eventId}/walk-ins`,
        { sessionId: event.sessionId, name: '孙八' },
        bearer(staff),
      );
      expect([full.status, (full.body as { code: string }).code]).toEqual([
        409,
        'REGISTRATION_NOT_ENOUGH_SEATS',
      ]);
    });

    it('refuses a session of another event, an unpublished or cancelled event and a bad body', async () => {
      const event = await publishedEvent(env);
      const other = await publishedEvent(env);
      const draft = await publishedEvent(env, { state: 'draft' });
      const cancelled = await publishedEvent(env, { state: 'cancelled' });
      const post = (eventId: number, body: unknown) =>
        postJson(env, `/api/events/${eventId}/walk-ins`, body, bearer(staff));
      const code = (res: { body: unknown }) => (res.body as { code: string }).code;
      const wrong = await post(event.eventId, { sessionId: other.sessionId, name: '周九' });
      expect([wrong.status, code(wrong)]).toEqual([404, 'REGISTRATION_SESSION_NOT_FOUND']);
      for (const closed of [draft, cancelled]) {
        const res = await post(closed.eventId, { sessionId: closed.sessionId, name: '周九' });
        expect([res.status, code(res)]).toEqual([409, 'EVENT_WRONG_STATE']);
      }
      expect((await post(987_654, { sessionId: event.sessionId, name: '周九' })).status).toBe(404);
      for (const body of [
        {},
        { sessionId: event.sessionId },
        { sessionId: event.sessionId, name: '吴十', phone: '123' },
      ]) {
        expect((await post(event.eventId, body)).status).toBe(400);
      }
      expect(await registrationsRepo(env).countBy({ eventId: event.eventId })).toBe(0);
    });
  });
});
