import { errorBodySchema, paymentSchema, refundSchema, wechatPayOrderSchema } from '@itss/shared';
import { type AuthEnv, bearer, postJson } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { person } from '../support/joining';
import { type Person, billRow, memberBill, paymentsOf, transfer } from './bills';
import { eventually, payAtStandin, prepayIdOf, refundBehaviour, startPayEnv } from './wechatpay';

describe('payments: refunds of WeChat payments', () => {
  let env: AuthEnv;
  let staff: Person;
  beforeAll(async () => {
    env = await startPayEnv();
    staff = await person(env, 'o_refund_staff', ['staff']);
  });
  afterAll(() => env.close());

  const refund = (paymentId: number, amountFen: unknown, token = staff.token) =>
    postJson(env, `/api/payments/${paymentId}/refunds`, { amountFen, reason: '重复缴费退回' }, bearer(token));
  const codeOf = (res: { status: number; body: unknown }) => [
    res.status,
    errorBodySchema.parse(res.body).code,
  ];

  /** A bill paid in full by WeChat Pay: its payment id. */
  async function paidBill() {
    const { bill, contact } = await memberBill(env, staff.token);
    const res = await postJson(
      env,
      `/api/dues/bills/${bill.id}/wechat-pay`,
      undefined,
      bearer(contact.token),
    );
    const order = wechatPayOrderSchema.parse(res.body);
    await payAtStandin(env, prepayIdOf(order));
    await eventually(async () => (await billRow(env, bill.id)).status === 'paid');
    return { bill, contact, paymentId: order.paymentId };
  }

  it('refunds part, then the rest: the bill goes back to partially paid, then unpaid, when WeChat Pay reports each', async () => {
    await refundBehaviour(env, { outcome: 'success', notify: 'once', delayMs: 50 });
    const { bill, paymentId } = await paidBill();
    const part = await refund(paymentId, 200_000);
    expect(part.status).toBe(201);
    expect(refundSchema.parse(part.body)).toMatchObject({ paymentId, amountFen: 200_000 });
    await eventually(async () => (await billRow(env, bill.id)).status === 'partially_paid');
    expect((await billRow(env, bill.id)).paidFen).toBe(bill.amountFen - 200_000);

    expect(codeOf(await refund(paymentId, bill.amountFen - 200_000 + 1))).toEqual([
      409,
      'PAYMENT_REFUND_TOO_LARGE',
    ]);
    expect((await refund(paymentId, bill.amountFen - 200_000)).status).toBe(201);
    await eventually(async () => (await billRow(env, bill.id)).status === 'unpaid');
    expect((await billRow(env, bill.id)).paidFen).toBe(0);
    expect(codeOf(await refund(paymentId, 1))).toEqual([409, 'PAYMENT_REFUND_TOO_LARGE']);

    const [payment] = await paymentsOf(env, bill.id);
    expect(payment?.status).toBe('succeeded');
    const audited = await auditRows(env, 'payment.refunded');
    expect(audited.filter((row) => row.target === `payment:${paymentId}`)).toHaveLength(2);
    expect((await auditRows(env, 'payment.refund_requested')).length).toBeGreaterThanOrEqual(2);
  });

  it('counts a refund whose notification never comes once sync asks WeChat Pay', async () => {
    await refundBehaviour(env, { outcome: 'success', notify: 'none', delayMs: 0 });
    const { bill, contact, paymentId } = await paidBill();
    expect((await refund(paymentId, bill.amountFen)).status).toBe(201);
    await eventually(async () => {
      await postJson(env, `/api/payments/${paymentId}/sync`, undefined, bearer(contact.token));
      return (await billRow(env, bill.id)).status === 'unpaid';
    });
  });

  it('does not count a refund WeChat Pay reports ABNORMAL; its amount may be asked again', async () => {
    await refundBehaviour(env, { outcome: 'abnormal', notify: 'once', delayMs: 50 });
    const { bill, paymentId } = await paidBill();
    expect((await refund(paymentId, bill.amountFen)).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await billRow(env, bill.id)).toMatchObject({ status: 'paid', paidFen: bill.amountFen });
    await refundBehaviour(env, { outcome: 'success', notify: 'once', delayMs: 50 });
    await eventually(async () => (await refund(paymentId, bill.amountFen)).status === 201);
    await eventually(async () => (await billRow(env, bill.id)).status === 'unpaid');
  });

  it('refuses refunds of a bank transfer (409), of an unknown payment (404), bad amounts (400), and non-staff (403)', async () => {
    const { bill, contact } = await memberBill(env, staff.token);
    const recorded = await postJson(
      env,
      `/api/dues/bills/${bill.id}/payments`,
      transfer(100_000),
      bearer(staff.token),
    );
    const bank = paymentSchema.parse(recorded.body);
    expect(codeOf(await refund(bank.id, 100))).toEqual([409, 'PAYMENT_NOT_REFUNDABLE']);
    expect(codeOf(await refund(999_999, 100))).toEqual([404, 'NOT_FOUND']);
    for (const amount of [0, -1, 1.5, 2_000_000_000, '100']) {
      expect(codeOf(await refund(bank.id, amount))).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(codeOf(await refund(bank.id, 100, contact.token))).toEqual([403, 'FORBIDDEN']);
  });
});
