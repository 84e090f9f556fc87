import { LEVELS, billSchema, isRemittanceCode, openBillsResponseSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { BillEntity } from '../../src/modules/dues/bill.entity';
import { type AuthEnv, seedOf, startAuthEnv } from '../support/auth-env';
import { person } from '../support/joining';
import { changeStatus, recordUnit } from '../units/sheets';
import { codeOf, dayFromToday, send, thisYear } from './dues-support';

const feeFen = (level: string) => (LEVELS.find((l) => l.code === level)?.annualFeeYuan ?? 0) * 100;

describe('dues: opening a year’s bills', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  const bills = () => env.server.app.get(DataSource).getRepository(BillEntity);
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_dues_open_staff', ['staff']);
  });
  afterAll(() => env.close());

  it('bills every unit not removed that had joined by the year’s end, once, at its level’s fee, with a unique code', async () => {
    const active = await recordUnit(env, staff.token, { level: 'committee', joinedOn: '2018-09-01' });
    const suspended = await recordUnit(env, staff.token, { joinedOn: '2018-02-01' });
    const removed = await recordUnit(env, staff.token, { joinedOn: '2018-02-01' });
    const later = await recordUnit(env, staff.token, { joinedOn: '2019-06-01' });
    expect((await changeStatus(env, staff.token, suspended.id, 'suspended')).status).toBe(200);
    expect((await changeStatus(env, staff.token, removed.id, 'removed')).status).toBe(200);

    // A past year carries arrears over: its due date is given.
    const dueDate = dayFromToday(20);
    const past = await seedOf(env).openYearBills(staff.token, 2018, dueDate);
    expect(past).toEqual({ opened: 2, existing: 0 });
    const rows2018 = await bills().find({ where: { year: 2018 }, order: { unitId: 'ASC' } });
    expect(rows2018.map((b) => [b.unitId, b.level, b.amountFen, b.status, b.dueDate, b.paidFen])).toEqual([
      [active.id, 'committee', feeFen('committee'), 'unpaid', dueDate, 0],
      [suspended.id, 'member', feeFen('member'), 'unpaid', dueDate, 0],
    ]);

    // This year: every unit but the removed one; the configured 03-31 has passed or not.
    const now = await seedOf(env).openYearBills(staff.token, thisYear());
    expect(now).toEqual({ opened: 3, existing: 0 });
    const rows = await bills().find({ where: { year: thisYear() }, order: { unitId: 'ASC' } });
    expect(rows.map((b) => b.unitId)).toEqual([active.id, suspended.id, later.id]);
    const configured = `${thisYear()}-03-31`;
    const expectedDue = configured >= dayFromToday(0) ? configured : dayFromToday(30);
    for (const row of rows) expect(row.dueDate).toBe(expectedDue);

    const codes = [...rows, ...rows2018].map((b) => b.remittanceCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(isRemittanceCode(code)).toBe(true);

    // Pressed again: nothing new, nothing audited.
    expect(await seedOf(env).openYearBills(staff.token, thisYear())).toEqual({ opened: 0, existing: 3 });
    const audit = await env.server.app
      .get(DataSource)
      .getRepository(AuditEntity)
      .findBy({ action: 'bills.opened_year' });
    expect(audit).toHaveLength(2);
    expect(audit[1]?.detail).toContain('新生成 3 份');

    // The unit's own view: full bill shape, its name, not overdue yet.
    const [bill] = await seedOf(env).billsOfUnit(staff.token, active.id);
    expect(billSchema.parse(bill)).toMatchObject({
      unitId: active.id,
      unitName: active.name,
      year: thisYear(),
      overdue: false,
      receipt: null,
    });
  });

  it('refuses a past year without a due date, a future year, a year out of range and a bad due date', async () => {
    const path = (year: number | string) => `/api/dues/years/${year}/bills`;
    expect(codeOf(await send(env, staff.token, 'POST', path(thisYear() - 1), {}))).toEqual([
      400,
      'DUES_DUE_DATE_REQUIRED',
    ]);
    expect(codeOf(await send(env, staff.token, 'POST', path(thisYear() + 1), {}))).toEqual([
      400,
      'DUES_YEAR_TOO_FAR',
    ]);
    for (const year of ['1999', '20x6', '02026', '2101']) {
      expect(codeOf(await send(env, staff.token, 'POST', path(year), {}))).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
    }
    for (const dueDate of [
      'garbage',
      '2026-13-01',
      `${thisYear()}-02-30`,
      '',
      20260331,
      `${thisYear()}-3-31`,
    ]) {
      expect(codeOf(await send(env, staff.token, 'POST', path(thisYear()), { dueDate }))).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
    }
    for (const dueDate of [dayFromToday(-1), `${thisYear() + 2}-01-01`]) {
      expect(codeOf(await send(env, staff.token, 'POST', path(thisYear()), { dueDate }))).toEqual([
        400,
        'DUES_DUE_DATE_INVALID',
      ]);
    }
    expect(
      codeOf(await send(env, staff.token, 'POST', path(thisYear()), { dueDate: dayFromToday(3), x: 1 })),
    ).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('takes a due date given for this year, and no body at all', async () => {
    const unit = await recordUnit(env, staff.token);
    const res = await send(env, staff.token, 'POST', `/api/dues/years/${thisYear()}/bills`);
    expect(res.status).toBe(200);
    expect(openBillsResponseSchema.parse(res.body).opened).toBe(1);
    expect((await bills().findOneByOrFail({ unitId: unit.id, year: thisYear() })).unitId).toBe(unit.id);
  });

  it('gives an approved unit this year’s bill at the full fee, named in its audit history', async () => {
    const applicant = await person(env, 'o_dues_first_bill');
    const { unit } = await seedOf(env).memberUnit(applicant.token, staff.token, { level: 'member' });
    const [bill] = await seedOf(env).billsOfUnit(applicant.token, unit.id);
    expect(bill).toMatchObject({
      year: thisYear(),
      amountFen: feeFen('member'),
      status: 'unpaid',
      paidFen: 0,
    });
    const entries = await env.server.app
      .get(DataSource)
      .getRepository(AuditEntity)
      .findBy({ target: `bill:${bill?.id}` });
    expect(entries.map((e) => e.action)).toEqual(['bill.opened']);
    // Opening the year afterwards counts it as existing.
    const again = await seedOf(env).openYearBills(staff.token, thisYear());
    expect(again.opened).toBe(0);
  });
});
