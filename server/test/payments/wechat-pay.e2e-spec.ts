import { errorBodySchema, paymentSyncResponseSchema, wechatPayOrderSchema } from '@itss/shared';
import { type AuthEnv, bearer, postJson, seedOf } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { person } from '../support/joining';
import { type Person, billRow, closeBill, memberBill, paymentsOf, transfer } from './bills';
import {
  deliver,
  deliveriesAbout,
  eventually,
  notification,
  paidResource,
  payAtStandin,
  prepayIdOf,
  startPayEnv,
} from './wechatpay';

describe('dues: paying a bill by WeChat Pay against the stand-in', () => {
  let env: AuthEnv;
  let staff: Person;
  beforeAll(async () => {
    env = await startPayEnv();
    staff = await person(env, 'o_wxpay_staff', ['staff']);
  });
  afterAll(() => env.close());

  const start = (billId: number, token: string) =>
    postJson(env, `/api/dues/bills/${billId}/wechat-pay`, undefined, bearer(token));
  const order = async (billId: number, token: string) => {
    const res = await start(billId, token);
    expect(res.status).toBe(201);
    return wechatPayOrderSchema.parse(res.body);
  };
  const sync = (paymentId: number, token: string) =>
    postJson(env, `/api/payments/${paymentId}/sync`, undefined, bearer(token));
  const codeOf = (res: { status: number; body: unknown }) => [
    res.status,
    errorBodySchema.parse(res.body).code,
  ];

  it('order → the payer pays → WeChat Pay notifies → the bill is paid, the payment recorded once', async () => {
    const { bill, contact } = await memberBill(env, staff.token);
    const opened = await order(bill.id, contact.token);
    expect(opened.amountFen).toBe(bill.amountFen);
    expect(opened.requestPayment.signType).toBe('RSA');
    const paid = await payAtStandin(env, prepayIdOf(opened));
    await eventually(async () => (await billRow(env, bill.id)).status === 'paid');
    expect(await billRow(env, bill.id)).toMatchObject({ paidFen: bill.amountFen, status: 'paid' });
    const [payment] = await paymentsOf(env, bill.id);
    expect(payment).toMatchObject({ status: 'succeeded', transactionId: paid.transactionId, openKey: null });
    await eventually(async () => (await deliveriesAbout(env, paid.outTradeNo))[0]?.attempts[0] === 200);
    // The payer's sync after the notification finds it settled and changes nothing.
    const synced = await sync(opened.paymentId, contact.token);
    expect(paymentSyncResponseSchema.parse(synced.body)).toEqual({
      paymentId: opened.paymentId,
      status: 'succeeded',
    });
    const succeeded = (await auditRows(env, 'payment.succeeded')).filter(
      (r) => r.target === `payment:${opened.paymentId}`,
    );
    // WeChat Pay's notification is recorded as the payer's doing, by name.
    expect(succeeded.map((r) => r.actorId)).toEqual([contact.id]);
    expect(codeOf(await start(bill.id, contact.token))).toEqual([409, 'DUES_NOTHING_OWED']);
  });

  it('settles by sync when the notification never comes', async () => {
    const { bill, contact } = await memberBill(env, staff.token);
    const opened = await order(bill.id, contact.token);
    await payAtStandin(env, prepayIdOf(opened), 'success', 'none');
    expect((await billRow(env, bill.id)).status).toBe('unpaid');
    const synced = await sync(opened.paymentId, contact.token);
    expect(synced.status).toBe(200);
    expect(synced.body).toEqual({ paymentId: opened.paymentId, status: 'succeeded' });
    expect(await billRow(env, bill.id)).toMatchObject({ paidFen: bill.amountFen, status: 'paid' });
  });

  it('records a notification sent twice (and again by hand) once', async () => {
    const { bill, contact } = await memberBill(env, staff.token);
    const opened = await order(bill.id, contact.token);
    const paid = await payAtStandin(env, prepayIdOf(opened), 'success', 'twice');
    await eventually(async () => {
      const sent = await deliveriesAbout(env, paid.outTradeNo);
      return sent.length >= 2 && sent.every((d) => d.attempts.includes(200));
    });
    const again = notification('TRANSACTION.SUCCESS', {
      ...paidResource(paid.outTradeNo, bill.amountFen),
      transaction_id: paid.transactionId,
    });
    expect((await deliver(env, again)).status).toBe(200);
    expect(await paymentsOf(env, bill.id)).toHaveLength(1);
    expect(
      (await auditRows(env, 'payment.succeeded')).filter((r) => r.target === `payment:${opened.paymentId}`),
    ).toHaveLength(1);
    expect(await billRow(env, bill.id)).toMatchObject({ paidFen: bill.amountFen, status: 'paid' });
  });

  it('a failed payment leaves the bill unpaid, frees the order slot, and a new order can be paid', async () => {
    const { bill, contact } = await memberBill(env, staff.token);
    const first = await order(bill.id, contact.token);
    await payAtStandin(env, prepayIdOf(first), 'fail');
    expect((await sync(first.paymentId, contact.token)).body).toEqual({
      paymentId: first.paymentId,
      status: 'failed',
    });
    expect((await billRow(env, bill.id)).status).toBe('unpaid');
    const second = await order(bill.id, contact.token);
    expect(second.paymentId).not.toBe(first.paymentId);
  });

  it('answers the same person the same order; another contact closes it and gets their own', async () => {
    const { bill, contact, unitId } = await memberBill(env, staff.token);
    const first = await order(bill.id, contact.token);
    expect((await order(bill.id, contact.token)).paymentId).toBe(first.paymentId);
    const colleague = await person(env, `o_wxpay_colleague_${bill.id}`);
    await seedOf(env).addContact(unitId, contact.token, colleague.token, '王同事');
    const theirs = await order(bill.id, colleague.token);
    expect(theirs.paymentId).not.toBe(first.paymentId);
    const rows = await paymentsOf(env, bill.id);
    expect(rows.map((row) => [row.id, row.status])).toEqual([
      [first.paymentId, 'closed'],
      [theirs.paymentId, 'pending'],
    ]);
    await payAtStandin(env, prepayIdOf(theirs));
    await eventually(async () => (await billRow(env, bill.id)).status === 'paid');
  });

  it('pays what is outstanding after a partial bank transfer', async () => {
    const { bill, contact } = await memberBill(env, staff.token);
    await postJson(env, `/api/dues/bills/${bill.id}/payments`, transfer(300_000), bearer(staff.token));
    expect((await order(bill.id, contact.token)).amountFen).toBe(bill.amountFen - 300_000);
  });

  it('refuses a notification whose amount differs from the order (200, nothing recorded)', async () => {
    const { bill, contact } = await memberBill(env, staff.token);
    const opened = await order(bill.id, contact.token);
    const [row] = await paymentsOf(env, bill.id);
    const res = await deliver(
      env,
      notification('TRANSACTION.SUCCESS', paidResource(row?.outTradeNo ?? '', 1)),
    );
    expect(res.status).toBe(200);
    expect((await paymentsOf(env, bill.id)).map((p) => p.status)).toEqual(['pending']);
    expect((await billRow(env, bill.id)).paidFen).toBe(0);
    expect(opened.paymentId).toBe(row?.id);
  });

  it('is only for contacts of the bill’s unit: staff and strangers get 404; a closed or paid bill 409', async () => {
    const { bill, contact } = await memberBill(env, staff.token);
    expect(codeOf(await start(bill.id, staff.token))).toEqual([404, 'NOT_FOUND']);
    const stranger = await person(env, `o_wxpay_stranger_${bill.id}`);
    expect(codeOf(await start(bill.id, stranger.token))).toEqual([404, 'NOT_FOUND']);
    expect(codeOf(await start(999_999, contact.token))).toEqual([404, 'NOT_FOUND']);
    const opened = await order(bill.id, contact.token);
    expect(codeOf(await sync(opened.paymentId, stranger.token))).toEqual([404, 'NOT_FOUND']);
    expect((await sync(opened.paymentId, staff.token)).status).toBe(200);
    await closeBill(env, staff.token, bill.id, 'void');
    expect(codeOf(await start(bill.id, contact.token))).toEqual([409, 'DUES_BILL_CLOSED']);
  });
});
