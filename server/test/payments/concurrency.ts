import { type Call, type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import { person } from '../support/joining';
import { billRow, memberBill, paidByWechat, paymentsOf, wechatOrder } from './bills';
import { eventually, notification, paidResource, payAtStandin, prepayIdOf } from './wechatpay';

/** Payments' write routes: notifications, the payer's sync and refunds, racing each other. */
export const CONCURRENCY: ConcurrencyCase[] = [
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
