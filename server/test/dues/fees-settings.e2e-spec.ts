import { duesSettingsResponseSchema, feesResponseSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { BillEntity } from '../../src/modules/dues/bill.entity';
import { handbookFeesFen } from '../../src/modules/dues/dues-fees.service';
import { type AuthEnv, seedOf, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { person } from '../support/joining';
import { recordUnit } from '../units/sheets';
import { codeOf, send, thisYear } from './dues-support';

describe('dues: fees by year and the account settings', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_dues_fees_staff', ['staff']);
  });
  afterAll(() => env.close());

  const fees = async () =>
    feesResponseSchema.parse((await send(env, staff.token, 'GET', '/api/dues/fees')).body);
  const putFees = (year: number | string, feesFen: unknown) =>
    send(env, staff.token, 'PUT', `/api/dues/fees/${year}`, { feesFen });

  it('defaults to the handbook’s fees; this year’s may change until its bills open, then it is history', async () => {
    const year = thisYear();
    const start = await fees();
    expect(start.years.map((y) => [y.year, y.editable, y.isDefault])).toEqual([
      [year, true, true],
      [year + 1, true, true],
      [year + 2, true, true],
    ]);
    expect(start.years[0]?.feesFen).toEqual({
      member: 300_000,
      committee: 1_000_000,
      vice_president: 3_000_000,
      president: 3_000_000,
    });
    expect(start.history).toEqual([]);

    const raised = { ...handbookFeesFen(), member: 320_000 };
    expect((await putFees(year, raised)).status).toBe(200);
    // The same again changes nothing and records nothing.
    expect((await putFees(year, raised)).status).toBe(200);
    const after = await fees();
    expect(after.years[0]).toMatchObject({ feesFen: raised, isDefault: false, editable: true });
    expect(after.history).toEqual([
      expect.objectContaining({
        year,
        level: 'member',
        fromFen: 300_000,
        toFen: 320_000,
        actorName: '测试用户',
      }),
    ]);
    expect(await auditRows(env, 'dues.fees_changed')).toHaveLength(1);

    // Bills open at the year's fee; after that the fee is locked.
    const unit = await recordUnit(env, staff.token, { level: 'member' });
    await seedOf(env).openYearBills(staff.token, year);
    const bill = await env.server.app
      .get(DataSource)
      .getRepository(BillEntity)
      .findOneByOrFail({ unitId: unit.id, year });
    expect(bill.amountFen).toBe(320_000);
    expect(codeOf(await putFees(year, handbookFeesFen()))).toEqual([409, 'DUES_FEES_LOCKED']);
    expect(codeOf(await putFees(year - 1, handbookFeesFen()))).toEqual([409, 'DUES_FEES_LOCKED']);
    expect((await fees()).years[0]?.editable).toBe(false);
    expect((await putFees(year + 2, { ...handbookFeesFen(), president: 5_000_000 })).status).toBe(200);
  });

  it('refuses negative, fractional, huge and missing fees, and a bad year', async () => {
    const year = thisYear() + 1;
    for (const member of [-1, 1.5, 1e12, '3000', null]) {
      expect(codeOf(await putFees(year, { ...handbookFeesFen(), member }))).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
    }
    const { member: _member, ...missing } = handbookFeesFen();
    expect(codeOf(await putFees(year, missing))).toEqual([400, 'VALIDATION_FAILED']);
    expect(codeOf(await putFees(year, { ...handbookFeesFen(), boss: 1 }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    for (const bad of ['1999', 'next', '20266']) {
      expect(codeOf(await putFees(bad, handbookFeesFen()))).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('shows every signed-in person the account; staff change it (audited once), bad days refused', async () => {
    const visitor = await person(env, 'o_dues_settings_visitor');
    const read = async (token: string) =>
      duesSettingsResponseSchema.parse((await send(env, token, 'GET', '/api/dues/settings')).body);
    // The test server serves no stand-in as development does: no demo account, the handbook's dates.
    expect(await read(visitor.token)).toMatchObject({
      accountName: '',
      dueMonthDay: '03-31',
      openMonthDay: '01-01',
    });
    const settings = {
      accountName: '信息技术服务分会',
      bankName: '示例银行北京分行',
      accountNumber: '1100 2233 4455',
      dueMonthDay: '04-30',
      openMonthDay: '01-02',
    };
    expect((await send(env, staff.token, 'PUT', '/api/dues/settings', settings)).status).toBe(200);
    expect((await send(env, staff.token, 'PUT', '/api/dues/settings', settings)).status).toBe(200);
    expect(await read(visitor.token)).toMatchObject(settings);
    expect(await auditRows(env, 'dues.settings_changed')).toHaveLength(1);
    for (const bad of [
      { dueMonthDay: '13-01' },
      { openMonthDay: '0101' },
      { accountName: 'x'.repeat(101) },
      { extra: 1 },
    ]) {
      expect(
        codeOf(await send(env, staff.token, 'PUT', '/api/dues/settings', { ...settings, ...bad })),
      ).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(codeOf(await send(env, visitor.token, 'PUT', '/api/dues/settings', settings))).toEqual([
      403,
      'FORBIDDEN',
    ]);
  });
});
