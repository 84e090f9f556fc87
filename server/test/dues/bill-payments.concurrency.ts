import { DataSource } from 'typeorm';
import { PaymentEntity } from '../../src/modules/payments/payment.entity';
import { type AuthEnv, seedOf } from '../support/auth-env';
import { type ConcurrencyCase, atOnce, auditRows, tally } from '../support/concurrency';
import { person } from '../support/joining';
import { billRow, memberBill, paymentsOf, transfer } from '../payments/bills';

const ds = (env: AuthEnv) => env.server.app.get(DataSource);

/** A bill's money routes race as payments do: one credit per bank reference, one open order per bill. */
export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/dues/bills/:id/payments',
    title: 'two staff recording one bank reference at once, on one bill or two: one credit, one 409',
    async run(env) {
      const alice = await person(env, 'o_pay_cashier_a', ['staff']);
      const bob = await person(env, 'o_pay_cashier_b', ['staff']);
      const one = await memberBill(env, alice.token);
      const two = await memberBill(env, alice.token);
      for (let round = 1; round <= 3; round++) {
        const body = transfer(100_000);
        const answers = await atOnce(env, [
          { method: 'POST', path: `/api/dues/bills/${one.bill.id}/payments`, token: alice.token, body },
          {
            method: 'POST',
            path: `/api/dues/bills/${round === 2 ? two.bill.id : one.bill.id}/payments`,
            token: bob.token,
            body,
          },
        ]);
        expect(tally(answers)).toEqual({ '201': 1, '409 PAYMENT_BANK_REFERENCE_USED': 1 });
        expect(
          await ds(env).getRepository(PaymentEntity).countBy({ bankReference: body.bankReference }),
        ).toBe(1);
        expect(await auditRows(env, 'payment.recorded')).toHaveLength(round);
      }
      const paid = (await paymentsOf(env, one.bill.id)).length + (await paymentsOf(env, two.bill.id)).length;
      expect(paid).toBe(3);
      expect((await billRow(env, one.bill.id)).paidFen + (await billRow(env, two.bill.id)).paidFen).toBe(
        300_000,
      );
    },
  },
  {
    route: 'POST /api/dues/bills/:id/wechat-pay',
    title: 'two contacts starting WeChat Pay for one bill at once: both answered, one open order left',
    async run(env) {
      const staff = await person(env, 'o_pay_race_staff', ['staff']);
      for (let round = 1; round <= 3; round++) {
        const { bill, contact, unitId } = await memberBill(env, staff.token);
        const colleague = await person(env, `o_pay_race_colleague_${round}`);
        await seedOf(env).addContact(unitId, contact.token, colleague.token, '王同事');
        const path = `/api/dues/bills/${bill.id}/wechat-pay`;
        const answers = await atOnce(env, [
          { method: 'POST', path, token: contact.token },
          { method: 'POST', path, token: colleague.token },
          { method: 'POST', path, token: contact.token },
        ]);
        expect(tally(answers)).toEqual({ '201': 3 });
        const rows = await paymentsOf(env, bill.id);
        expect(rows.filter((row) => row.status === 'pending')).toHaveLength(1);
        expect(rows.filter((row) => row.openKey !== null)).toHaveLength(1);
      }
    },
  },
];
