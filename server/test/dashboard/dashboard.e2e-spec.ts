import { type Dashboard, dashboardSchema, errorBodySchema } from '@itss/shared';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { applicationIn, person } from '../support/joining';
import { dashboardRows } from './dashboard-rows';

const RANGE = '/api/dashboard?from=2026-01-01&to=2026-06-30';

describe('dashboard: the branch’s numbers for staff', () => {
  let env: AuthEnv;
  let staff: string;
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = (await person(env, 'o_dashboard_staff', ['staff'])).token;
  });
  afterAll(() => env.close());

  const get = (token: string, path: string) => env.server.get(path, { headers: bearer(token) });
  const read = async (path = RANGE): Promise<Dashboard> => {
    const res = await get(staff, path);
    expect(res.status).toBe(200);
    return dashboardSchema.parse(res.body);
  };

  it('counts units, the funnel, articles, groups and dues within the range, by Beijing month', async () => {
    const rows = dashboardRows(env);
    const [a, b, c, d, e] = [
      await rows.unit('member', 'active', '2026-01-15'),
      await rows.unit('member', 'active', '2026-01-31'),
      await rows.unit('committee', 'active', '2026-02-10'),
      await rows.unit('member', 'suspended', '2025-12-31'),
      await rows.unit('member', 'removed', '2026-03-05'),
    ];
    const f = await rows.unit('vice_president', 'removed', '2025-06-01');
    await rows.removal(e, '2026-03-31T16:30:00Z'); // 00:30 on 1 April in Beijing
    await rows.removal(f, '2025-12-31T15:59:00Z'); // 23:59 on 31 December: before the range

    const booth = await rows.campaign('展会海报');
    await rows.application(booth, 'approved', '2025-12-31T16:00:00Z'); // midnight, 1 January
    await rows.application(booth, 'rejected', '2026-01-20T03:00:00Z');
    await rows.application(booth, 'submitted', '2026-01-21T03:00:00Z');
    await rows.application(null, 'approved', '2026-02-02T03:00:00Z');
    await rows.application(null, 'withdrawn', '2026-02-03T03:00:00Z');
    await rows.application(booth, 'approved', '2026-06-30T16:00:00Z'); // 1 July in Beijing
    await rows.application(null, 'approved', '2025-12-31T15:59:59Z');

    await rows.article('notice', 'published', '2026-02-01T00:00:00Z', 10);
    await rows.article('notice', 'published', '2026-03-01T00:00:00Z', 5);
    await rows.article('policy', 'published', '2026-05-01T00:00:00Z', 7);
    await rows.article('policy', 'unpublished', '2026-05-02T00:00:00Z', 100);
    await rows.article('notice', 'draft', null, 0);
    await rows.article('standard', 'published', '2025-11-01T00:00:00Z', 50);

    await rows.reveal(a, '2026-03-01T00:00:00Z');
    await rows.reveal(b, '2025-10-01T00:00:00Z');
    await rows.todo(null);
    await rows.todo(null);
    await rows.todo('2026-04-01T00:00:00Z');
    await rows.todo('2025-01-01T00:00:00Z');

    await rows.bill(a, 2026, 300_000, 300_000, '2026-03-15');
    await rows.bill(b, 2026, 300_000, 100_000, '2026-07-02'); // paid after the range
    await rows.bill(c, 2026, 500_000, 0, '');
    await rows.bill(d, 2025, 200_000, 200_000, '2026-05-20');
    await rows.payment(1, 50_000, 'pending', '');

    const dashboard = await read();
    expect(dashboard.range).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    const byLevelStatus = [...dashboard.units.byLevelStatus].sort((x, y) =>
      `${x.level}${x.status}`.localeCompare(`${y.level}${y.status}`),
    );
    expect(byLevelStatus).toEqual([
      { level: 'committee', status: 'active', count: 1 },
      { level: 'member', status: 'active', count: 2 },
      { level: 'member', status: 'removed', count: 1 },
      { level: 'member', status: 'suspended', count: 1 },
      { level: 'vice_president', status: 'removed', count: 1 },
    ]);
    expect(dashboard.units.byMonth).toEqual([
      { month: '2026-01', joined: 2, left: 0 },
      { month: '2026-02', joined: 1, left: 0 },
      { month: '2026-03', joined: 1, left: 0 },
      { month: '2026-04', joined: 0, left: 1 },
      { month: '2026-05', joined: 0, left: 0 },
      { month: '2026-06', joined: 0, left: 0 },
    ]);
    expect(dashboard.applications).toEqual({
      byCampaignMonth: [
        {
          campaignId: booth,
          campaignName: '展会海报',
          month: '2026-01',
          submitted: 3,
          approved: 1,
          rejected: 1,
        },
        {
          campaignId: null,
          campaignName: '直接申请',
          month: '2026-02',
          submitted: 2,
          approved: 1,
          rejected: 0,
        },
      ],
      totals: { submitted: 5, approved: 2, rejected: 1, pending: 1 },
    });
    expect(dashboard.articles.byCategory.filter((row) => row.published > 0)).toEqual([
      { category: 'notice', published: 2, reads: 15 },
      { category: 'policy', published: 1, reads: 7 },
    ]);
    expect(dashboard.articles.byCategory.every((row) => row.published > 0 || row.reads === 0)).toBe(true);
    expect(dashboard.groups).toEqual({ codesShown: 1, todos: { open: 2, done: 1 } });
    expect(dashboard.dues.collectedFen).toBe(500_000);
    expect(dashboard.dues.outstandingFen).toBe(700_000);
    expect(dashboard.dues.byMonth.filter((row) => row.collectedFen > 0)).toEqual([
      { month: '2026-03', collectedFen: 300_000 },
      { month: '2026-05', collectedFen: 200_000 },
    ]);
    expect(dashboard.events).toBeNull();

    // Cached briefly, by range: the same range answers what it did; another range reads afresh.
    await rows.unit('president', 'active', '2026-06-01');
    expect(await read()).toEqual(dashboard);
    const wider = await read('/api/dashboard?from=2026-01-01&to=2026-07-31');
    expect(wider.units.byLevelStatus).toContainEqual({ level: 'president', status: 'active', count: 1 });
    expect(wider.dues.collectedFen).toBe(600_000);
    expect(wider.units.byMonth).toHaveLength(7);
  });

  it('defaults to the twelve months ending today', async () => {
    const dashboard = await read('/api/dashboard');
    expect(dashboard.units.byMonth).toHaveLength(12);
    expect(dashboard.range.from.endsWith('-01')).toBe(true);
    expect(dashboard.dues.byMonth.map((row) => row.month)).toEqual(
      dashboard.units.byMonth.map((row) => row.month),
    );
  });

  it('refuses a reversed range or one over five years, in Chinese', async () => {
    for (const [query, message] of [
      ['from=2026-06-30&to=2026-01-01', '开始日期不能晚于结束日期'],
      ['from=2021-06-29&to=2026-06-30', '时间范围不能超过 5 年'],
    ] as const) {
      const res = await get(staff, `/api/dashboard?${query}`);
      expect([res.status, errorBodySchema.parse(res.body).code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(JSON.stringify(res.body)).toContain(message);
    }
    expect((await get(staff, '/api/dashboard?from=2021-06-30&to=2026-06-30')).status).toBe(200);
  });

  it('is staff’s: a member unit’s contact and a visitor get 403, nobody signed in 401', async () => {
    const member = await person(env, 'o_dashboard_member');
    await applicationIn(env, member.token, 'approved');
    const visitor = await person(env, 'o_dashboard_visitor');
    for (const token of [member.token, visitor.token]) {
      const res = await get(token, RANGE);
      expect([res.status, errorBodySchema.parse(res.body).code]).toEqual([403, 'FORBIDDEN']);
    }
    expect((await env.server.get(RANGE)).status).toBe(401);
  });
});
