import { DataSource } from 'typeorm';
import { BillEntity } from '../../src/modules/dues/bill.entity';
import { DuesFeeChangeEntity } from '../../src/modules/dues/dues-fee.entity';
import { handbookFeesFen } from '../../src/modules/dues/dues-fees.service';
import { openBillsResponseSchema } from '@itss/shared';
import { type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import { person } from '../support/joining';
import { recordUnit } from '../units/sheets';
import { thisYear, unitWithBill } from './dues-support';

const ds = (env: Parameters<ConcurrencyCase['run']>[0]) => env.server.app.get(DataSource);

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/dues/years/:year/bills',
    title:
      'six openings of one year at once: all 200, every unit billed once, opened counted once, one audit entry',
    async run(env) {
      const staff = await person(env, 'o_dues_opener', ['staff']);
      const units = [];
      for (let i = 0; i < 5; i++) units.push((await recordUnit(env, staff.token)).id);
      const answers = await atOnce(
        env,
        times(6, {
          method: 'POST',
          path: `/api/dues/years/${thisYear()}/bills`,
          token: staff.token,
          body: {},
        }),
      );
      expect(tally(answers)).toEqual({ '200': 6 });
      const results = answers.map((answer) => openBillsResponseSchema.parse(answer.body));
      expect(results.reduce((sum, r) => sum + r.opened, 0)).toBe(units.length);
      for (const r of results) expect(r.opened + r.existing).toBe(units.length);
      const bills = await ds(env).getRepository(BillEntity).findBy({ year: thisYear() });
      expect(bills.map((bill) => bill.unitId).sort((a, b) => a - b)).toEqual(units);
      expect(new Set(bills.map((bill) => bill.remittanceCode)).size).toBe(units.length);
      expect(await auditRows(env, 'bills.opened_year')).toHaveLength(1);
    },
  },
  ...(['waive', 'void'] as const).map((action): ConcurrencyCase => ({
    route: `POST /api/dues/bills/:id/${action}`,
    title: `six ${action}s of one bill at once: all 200, closed once, one audit entry`,
    async run(env) {
      const staff = await person(env, `o_dues_${action}`, ['staff']);
      const { bill } = await unitWithBill(env, staff.token);
      const answers = await atOnce(
        env,
        times(6, {
          method: 'POST',
          path: `/api/dues/bills/${bill.id}/${action}`,
          token: staff.token,
          body: { reason: '理事会决议' },
        }),
      );
      expect(tally(answers)).toEqual({ '200': 6 });
      const row = await ds(env).getRepository(BillEntity).findOneByOrFail({ id: bill.id });
      expect(row.status).toBe(action === 'waive' ? 'waived' : 'void');
      expect(await auditRows(env, action === 'waive' ? 'bill.waived' : 'bill.voided')).toHaveLength(1);
    },
  })),
  {
    route: 'PUT /api/dues/fees/:year',
    title:
      'six saves of one year’s new fees at once: all 200, each level’s change kept once, one audit entry',
    async run(env) {
      const staff = await person(env, 'o_dues_fees', ['staff']);
      const feesFen = { ...handbookFeesFen(), member: 350_000, committee: 1_200_000 };
      const answers = await atOnce(
        env,
        times(6, {
          method: 'PUT',
          path: `/api/dues/fees/${thisYear() + 1}`,
          token: staff.token,
          body: { feesFen },
        }),
      );
      expect(tally(answers)).toEqual({ '200': 6 });
      const changes = await ds(env)
        .getRepository(DuesFeeChangeEntity)
        .find({ order: { id: 'ASC' } });
      expect(changes.map((change) => [change.level, change.toFen])).toEqual([
        ['member', 350_000],
        ['committee', 1_200_000],
      ]);
      expect(await auditRows(env, 'dues.fees_changed')).toHaveLength(1);

      // This year's fee changed while its bills open: the bills carry the fee the year ends up with.
      const unit = await recordUnit(env, staff.token, { level: 'member' });
      const raced = await atOnce(env, [
        {
          method: 'PUT',
          path: `/api/dues/fees/${thisYear()}`,
          token: staff.token,
          body: { feesFen: { ...handbookFeesFen(), member: 330_000 } },
        },
        { method: 'POST', path: `/api/dues/years/${thisYear()}/bills`, token: staff.token, body: {} },
      ]);
      const bill = await ds(env)
        .getRepository(BillEntity)
        .findOneByOrFail({ unitId: unit.id, year: thisYear() });
      const changedFirst = raced[0]?.status === 200;
      expect(tally(raced)).toEqual(changedFirst ? { '200': 2 } : { '200': 1, '409 DUES_FEES_LOCKED': 1 });
      expect(bill.amountFen).toBe(changedFirst ? 330_000 : handbookFeesFen().member);
    },
  },
  {
    route: 'PUT /api/dues/settings',
    title: 'six saves of the same account at once: all 200, one audit entry',
    async run(env) {
      const staff = await person(env, 'o_dues_settings', ['staff']);
      const body = {
        accountName: '信息技术服务分会',
        bankName: '示例银行北京分行',
        accountNumber: '1100 2233 4455',
        dueMonthDay: '04-30',
        openMonthDay: '01-02',
      };
      const answers = await atOnce(
        env,
        times(6, { method: 'PUT', path: '/api/dues/settings', token: staff.token, body }),
      );
      // The answers carry whether WeChat Pay is offered: the payments feature's.
      expect(tally(answers)).toEqual({ '200': 6 });
      expect(await auditRows(env, 'dues.settings_changed')).toHaveLength(1);
    },
  },
];
