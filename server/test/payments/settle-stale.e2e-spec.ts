import { PaymentsService } from '../../src/modules/payments/payments.service';
import { type AuthEnv, bearer, postJson } from '../support/auth-env';
import { person } from '../support/joining';
import { type Person, billRow, memberBill, paidByWechat, paymentsOf, wechatOrder } from './bills';
import { payAtStandin, prepayIdOf, refundBehaviour, startPayEnv } from './wechatpay';

describe('payments: the job settling orders and refunds WeChat Pay never notified', () => {
  let env: AuthEnv;
  let staff: Person;
  beforeAll(async () => {
    env = await startPayEnv();
    staff = await person(env, 'o_stale_staff', ['staff']);
  });
  afterAll(() => env.close());

  const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);
  const settleStale = (at: Date) => env.server.app.get(PaymentsService).settleStale(at);

  it('settles a paid order without a notification, closes an expired unpaid one, and leaves a fresh one', async () => {
    const paid = await memberBill(env, staff.token);
    const paidOrder = await wechatOrder(env, paid.bill.id, paid.contact.token);
    await payAtStandin(env, prepayIdOf(paidOrder), 'success', 'none');
    const unpaid = await memberBill(env, staff.token);
    await wechatOrder(env, unpaid.bill.id, unpaid.contact.token);

    // Two minutes on: the paid order is settled, the unpaid one still has time.
    expect(await settleStale(minutesFromNow(2))).toEqual({ settled: 1, closed: 0 });
    expect(await billRow(env, paid.bill.id)).toMatchObject({ status: 'paid', paidFen: paid.bill.amountFen });
    expect((await paymentsOf(env, unpaid.bill.id)).map((p) => p.status)).toEqual(['pending']);

    // Past its expiry it is closed, here and at WeChat Pay, and the bill may be paid by a new order.
    expect(await settleStale(minutesFromNow(31))).toEqual({ settled: 0, closed: 1 });
    expect((await paymentsOf(env, unpaid.bill.id)).map((p) => [p.status, p.openKey])).toEqual([
      ['closed', null],
    ]);
    const next = await wechatOrder(env, unpaid.bill.id, unpaid.contact.token);
    expect((await paymentsOf(env, unpaid.bill.id)).at(-1)?.id).toBe(next.paymentId);
  });

  it('counts a refund that WeChat Pay never notified once the job asks', async () => {
    await refundBehaviour(env, { outcome: 'success', notify: 'none', delayMs: 0 });
    const { billId, paymentId } = await paidByWechat(env, staff.token);
    const res = await postJson(
      env,
      `/api/payments/${paymentId}/refunds`,
      { amountFen: 100_000, reason: '多缴退回' },
      bearer(staff.token),
    );
    expect(res.status).toBe(201);
    expect((await billRow(env, billId)).status).toBe('paid');
    await settleStale(minutesFromNow(2));
    expect(await billRow(env, billId)).toMatchObject({ status: 'partially_paid' });
    expect((await billRow(env, billId)).paidFen).toBe((await billRow(env, billId)).amountFen - 100_000);
  });
});
