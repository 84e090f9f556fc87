import { billListResponseSchema } from '@itss/shared';
import { beijingDate } from '../../src/common/time';
import { JobScheduler } from '../../src/jobs/job-scheduler';
import { inOpenWindow } from '../../src/modules/dues/dues-jobs';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { person } from '../support/joining';
import { recordUnit } from '../units/sheets';

describe('the dues jobs', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  it('are registered with the one scheduler, beside the group-code watch', () => {
    expect(env.server.app.get(JobScheduler).names().sort()).toEqual([
      'dues.open-year-bills',
      'dues.reminders',
      'dues.settle-stale-payments',
      'events.expire-holds',
      'events.reminders',
      'groups.code-expiry',
      'notices.deliver',
    ]);
  });

  it('opens the year’s bills on the configured date, once however often it runs', async () => {
    const staff = await person(env, 'o_jobs_staff', ['staff']);
    const unit = await recordUnit(env, staff.token, { name: '深圳示例数据有限公司' });
    const billsOf = async () =>
      billListResponseSchema.parse(
        (await env.server.get(`/api/units/${unit.id}/bills`, { headers: bearer(staff.token) })).body,
      ).items;
    expect(await billsOf()).toEqual([]);

    const now = new Date();
    const today = beijingDate(now);
    const put = await env.server.get('/api/dues/settings', {
      method: 'PUT',
      headers: { ...bearer(staff.token), 'content-type': 'application/json' },
      body: JSON.stringify({
        accountName: '示例分会',
        bankName: '示例银行',
        accountNumber: '1100 2200 3300',
        dueMonthDay: '03-31',
        openMonthDay: today.slice(5),
      }),
    });
    expect(put.status).toBe(200);

    const scheduler = env.server.app.get(JobScheduler);
    await Promise.all([
      scheduler.runNow('dues.open-year-bills', now),
      scheduler.runNow('dues.open-year-bills', now),
    ]);
    await scheduler.runNow('dues.open-year-bills', now);
    const bills = await billsOf();
    expect(bills.map((bill) => [bill.year, bill.status])).toEqual([[Number(today.slice(0, 4)), 'unpaid']]);
    const opened = await auditRows(env, 'bills.opened_year');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.actorName).toBe('系统');
  });

  it('opens bills only from the open date to a week after it', () => {
    expect(inOpenWindow('2027-01-01', '01-01')).toBe(true);
    expect(inOpenWindow('2027-01-08', '01-01')).toBe(true);
    expect(inOpenWindow('2027-01-09', '01-01')).toBe(false);
    expect(inOpenWindow('2027-02-28', '03-01')).toBe(false);
    expect(inOpenWindow('2027-03-01', '02-29')).toBe(true);
  });
});
