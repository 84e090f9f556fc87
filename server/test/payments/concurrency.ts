import { DataSource } from 'typeorm';
import { PaymentEntity } from '../../src/modules/payments/payment.entity';
import type { AuthEnv } from '../support/auth-env';
import { type Call, type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import { person } from '../support/joining';
import { seedOf } from '../support/auth-env';
import { billRow, memberBill, paidByWechat, paymentsOf, transfer, wechatOrder } from './bills';
import { eventually, notification, paidResource, payAtStandin, prepayIdOf } from './wechatpay';

const ds = (env: AuthEnv) => env.server.app.get(DataSource);

/**
 * Payments' write routes, and dues' money routes (`/api/dues/bills/:id/{payments,wechat-pay}`),
 * whose races are the payments' own.
 */
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
    route: 'POST /api/payments/wechat/notify',
    title:
      'the same paid notification five times at once: all 200, one payment succeeded, audited once, the bill paid',
    async run(env) {
      const staff = await person(env, 'o_pay_notify_staff', ['staff']);
      for (let round = 1; round <= 3; round++) {
        const { bill, contact } = await memberBill(env, staff.token);
        const order = await wechatOrder(env, bill.id, contact.token);
        const paid = await payAtStandin(env, prepayIdOf(order), 'success', 'none');
        const sent = notification('TRANSACTION.SUCCESS', {
          ...paidResource(paid.outTradeNo, bill.amountFen),
          transaction_id: paid.transactionId,
        });
        const answers = await atOnce(env, times(5, notify(sent)));
        expect(tally(answers)).toEqual({ '200': 5 });
        expect((await paymentsOf(env, bill.id)).map((p) => p.status)).toEqual(['succeeded']);
        expect(await auditRows(env, 'payment.succeeded')).toHaveLength(round);
        expect(await billRow(env, bill.id)).toMatchObject({ status: 'paid', paidFen: bill.amountFen });
        expect(await auditRows(env, 'bill.status_changed')).toHaveLength(round);
      }
    },
  },
  {
    route: 'POST /api/payments/:id/sync',
    title: 'the payer syncing three times while the notification arrives twice: one payment, audited once',
    async run(env) {
      const staff = await person(env, 'o_pay_sync_staff', ['staff']);
      for (let round = 1; round <= 3; round++) {
        const { bill, contact } = await memberBill(env, staff.token);
        const order = await wechatOrder(env, bill.id, contact.token);
        const paid = await payAtStandin(env, prepayIdOf(order), 'success', 'none');
        const sent = notification('TRANSACTION.SUCCESS', {
          ...paidResource(paid.outTradeNo, bill.amountFen),
          transaction_id: paid.transactionId,
        });
        const sync: Call = {
          method: 'POST',
          path: `/api/payments/${order.paymentId}/sync`,
          token: contact.token,
        };
        const answers = await atOnce(env, [sync, notify(sent), sync, notify(sent), sync]);
        expect(tally(answers)).toEqual({ '200': 5 });
        expect([0, 2, 4].map((i) => answers[i]?.body)).toEqual(
          Array(3).fill({ paymentId: order.paymentId, status: 'succeeded' }),
        );
        expect((await paymentsOf(env, bill.id)).map((p) => p.status)).toEqual(['succeeded']);
        expect(await auditRows(env, 'payment.succeeded')).toHaveLength(round);
        expect((await billRow(env, bill.id)).paidFen).toBe(bill.amountFen);
      }
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
  {
    route: 'POST /api/payments/:id/refunds',
    title:
      'two staff refunding most of one payment at once: one 201, one 409 PAYMENT_REFUND_TOO_LARGE, refunded once',
    async run(env) {
      const alice = await person(env, 'o_pay_refund_a', ['staff']);
      const bob = await person(env, 'o_pay_refund_b', ['staff']);
      for (let round = 1; round <= 3; round++) {
        const { billId, paymentId } = await paidByWechat(env, alice.token);
        const amountFen = (await billRow(env, billId)).amountFen - 100;
        const body = { amountFen, reason: '重复缴费退回' };
        const path = `/api/payments/${paymentId}/refunds`;
        const answers = await atOnce(env, [
          { method: 'POST', path, token: alice.token, body },
          { method: 'POST', path, token: bob.token, body },
        ]);
        expect(tally(answers)).toEqual({ '201': 1, '409 PAYMENT_REFUND_TOO_LARGE': 1 });
        expect(await auditRows(env, 'payment.refund_requested')).toHaveLength(round);
        await eventually(async () => (await billRow(env, billId)).status === 'partially_paid');
        expect((await billRow(env, billId)).paidFen).toBe(100);
      }
    },
  },
];

/** A notification posted as WeChat Pay posts it, for requests sent at once. */
function notify(sent: { headers: Record<string, string>; body: string }): Call {
  return {
    method: 'POST',
    path: '/api/payments/wechat/notify',
    raw: { contentType: 'application/json', bytes: Buffer.from(sent.body) },
    headers: sent.headers,
  };
}
