import { DataSource } from 'typeorm';
import { BillEntity } from '../../src/modules/dues/bill.entity';
import { type AuthEnv, seedOf, startAuthEnv } from '../support/auth-env';
import { person } from '../support/joining';
import { importUnits, thisYear } from './dues-support';

describe('dues: a year for a whole branch', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  it('opens 2,000 units’ bills in one call well under 10 s, each with its own code', async () => {
    const staff = await person(env, 'o_dues_bulk_staff', ['staff']);
    await importUnits(env, staff.token, 2000);
    const started = performance.now();
    const result = await seedOf(env).openYearBills(staff.token, thisYear());
    const seconds = (performance.now() - started) / 1000;
    expect(result).toEqual({ opened: 2000, existing: 0 });
    expect(seconds).toBeLessThan(5);
    const codes = await env.server.app
      .get(DataSource)
      .getRepository(BillEntity)
      .find({ select: { remittanceCode: true }, where: { year: thisYear() } });
    expect(new Set(codes.map((row) => row.remittanceCode)).size).toBe(2000);
    const again = performance.now();
    expect(await seedOf(env).openYearBills(staff.token, thisYear())).toEqual({ opened: 0, existing: 2000 });
    expect((performance.now() - again) / 1000).toBeLessThan(5);
  }, 120_000);
});
