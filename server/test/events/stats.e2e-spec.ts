import { EVENT_EXPORT_COLUMNS, eventStatsSchema } from '@itss/shared';
import { Workbook } from 'exceljs';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { person } from '../support/joining';
import { DAY, insertEvent, insertRegistration, moveEvent } from './desk-support';

type Person = { id: number; token: string };

describe('event statistics and the registrations sheet (staff)', () => {
  let env: AuthEnv;
  let staff: Person;
  let visitor: Person;
  let eventId: number;
  let sessionIds: number[];

  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_event_stats_staff', ['staff']);
    visitor = await person(env, 'o_event_stats_visitor');
    const { event, sessions } = await insertEvent(env, { capacities: [3, 5], title: '会员沙龙' });
    eventId = event.id;
    sessionIds = sessions.map((session) => session.id);
    const [first, second] = sessions as [(typeof sessions)[0], (typeof sessions)[0]];
    const users = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => person(env, `o_event_stats_${n}`)));
    const ids = users.map((user) => user.id);
    await insertRegistration(env, first, {
      userId: ids[0]!,
      audience: 'member',
      checkedInAt: new Date(),
      surveyRating: 5,
      name: '王五',
    });
    await insertRegistration(env, first, {
      userId: ids[1]!,
      audience: 'committee',
      checkedInAt: new Date(),
      surveyRating: 4,
    });
    await insertRegistration(env, first, { userId: ids[2]!, audience: 'non_member' });
    await insertRegistration(env, first, { userId: ids[3]!, state: 'waitlisted' });
    await insertRegistration(env, second, { userId: ids[4]!, state: 'cancelled' });
    await insertRegistration(env, second, { userId: ids[5]!, state: 'awaiting_payment', priceFen: 20_000 });
    await insertRegistration(env, second, { userId: ids[6]!, state: 'offered', phone: null });
  });
  afterAll(() => env.close());

  const stats = async () => {
    const res = await env.server.get(`/api/events/${eventId}/stats`, { headers: bearer(staff.token) });
    expect(res.status).toBe(200);
    return eventStatsSchema.parse(res.body);
  };

  it('counts by state, session, audience and survey answer', async () => {
    const answer = await stats();
    expect(answer).toMatchObject({
      registered: 6,
      confirmed: 3,
      awaitingPayment: 1,
      offered: 1,
      waitlisted: 1,
      cancelled: 1,
      attended: 2,
      noShows: 0,
      survey: { answers: 2, average: 4.5, histogram: [0, 0, 0, 1, 1] },
      paidFen: 0,
      refundedFen: 0,
    });
    expect(answer.byAudience).toEqual([
      { audience: 'member', confirmed: 1, attended: 1 },
      { audience: 'committee', confirmed: 1, attended: 1 },
      { audience: 'vice_president', confirmed: 0, attended: 0 },
      { audience: 'president', confirmed: 0, attended: 0 },
      { audience: 'non_member', confirmed: 1, attended: 0 },
    ]);
    expect(answer.sessions).toEqual([
      { sessionId: sessionIds[0], title: '第 1 场', capacity: 3, confirmed: 3, attended: 2, waitlisted: 1 },
      { sessionId: sessionIds[1], title: '第 2 场', capacity: 5, confirmed: 0, attended: 0, waitlisted: 0 },
    ]);
  });

  it('counts no-shows once the event has ended', async () => {
    await moveEvent(env, eventId, { endsAt: new Date(Date.now() - DAY) });
    expect((await stats()).noShows).toBe(1);
  });

  it('exports every registration with the contract’s columns and masked phones', async () => {
    const res = await fetch(`${env.server.baseUrl}/api/events/${eventId}/registrations.xlsx`, {
      headers: bearer(staff.token),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(
      '会员沙龙报名名单.xlsx',
    );
    const workbook = new Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const rows = sheet
      .getSheetValues()
      .slice(1)
      .map((row) => (row as unknown[]).slice(1));
    expect(rows[0]).toEqual([...EVENT_EXPORT_COLUMNS]);
    expect(rows).toHaveLength(8);
    expect(rows[1]).toEqual([
      '王五',
      '',
      '',
      '138****8000',
      '第 1 场',
      '报名成功',
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/),
      0,
    ]);
    expect(rows.slice(1).map((row) => row[5])).toEqual([
      '报名成功',
      '报名成功',
      '报名成功',
      '候补中',
      '已取消',
      '待支付',
      '候补到位，待确认',
    ]);
    expect(rows[6]?.[7]).toBe(200);
    expect(JSON.stringify(rows)).not.toContain('13800138000');
  });

  it('is staff’s only, and 404 for an unknown event', async () => {
    for (const path of [`/api/events/${eventId}/stats`, `/api/events/${eventId}/registrations.xlsx`]) {
      expect((await env.server.get(path, { headers: bearer(visitor.token) })).status).toBe(403);
      expect((await env.server.get(path)).status).toBe(401);
    }
    const missing = await env.server.get('/api/events/999999/stats', { headers: bearer(staff.token) });
    expect([missing.status, (missing.body as { code: string }).code]).toEqual([404, 'EVENT_NOT_FOUND']);
  });
});
