import { errorBodySchema, paymentSchema } from '@itss/shared';
import { type AuthEnv, postJson, bearer, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { person } from '../support/joining';
import { billRow, closeBill, memberBill, paymentsOf, transfer } from '../payments/bills';

describe('dues: bank transfers recorded by staff', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_cashier', ['staff']);
  });
  afterAll(() => env.close());

  const record = (billId: number, body: unknown, token = staff.token) =>
    postJson(env, `/api/dues/bills/${billId}/payments`, body, bearer(token));
  const codeOf = (res: { status: number; body: unknown }) => [
    res.status,
    errorBodySchema.parse(res.body).code,
  ];

  it('moves a bill unpaid → partially paid → paid by the money alone, keeps an over-payment as credit, tells the contacts once', async () => {
    const { bill, contact } = await memberBill(env, staff.token);
    expect(bill.status).toBe('unpaid');
    const first = await record(bill.id, transfer(400_000));
    expect(first.status).toBe(201);
    const payment = paymentSchema.parse(first.body);
    expect(payment).toMatchObject({ method: 'bank_transfer', status: 'succeeded', amountFen: 400_000 });
    expect(await billRow(env, bill.id)).toMatchObject({ paidFen: 400_000, status: 'partially_paid' });

    expect((await record(bill.id, transfer(bill.amountFen - 400_000))).status).toBe(201);
    expect(await billRow(env, bill.id)).toMatchObject({ paidFen: bill.amountFen, status: 'paid' });

    expect((await record(bill.id, transfer(50_000))).status).toBe(201);
    expect(await billRow(env, bill.id)).toMatchObject({ paidFen: bill.amountFen + 50_000, status: 'paid' });

    const messages = await env.server.get('/api/messages', { headers: bearer(contact.token) });
    const items = (messages.body as { items: { purpose?: string; title: string }[] }).items;
    expect(items.filter((m) => m.title.includes('会费已缴清'))).toHaveLength(1);
    const history = await auditRows(env, 'bill.status_changed');
    expect(history.filter((row) => row.target === `bill:${bill.id}`)).toHaveLength(2);
    expect((await auditRows(env, 'payment.recorded')).length).toBeGreaterThanOrEqual(3);
  });

  it('credits a bank reference once, ever: the same reference again is 409 and changes nothing, on any bill', async () => {
    const one = await memberBill(env, staff.token);
    const two = await memberBill(env, staff.token);
    const body = transfer(100_000);
    expect((await record(one.bill.id, body)).status).toBe(201);
    expect(codeOf(await record(one.bill.id, body))).toEqual([409, 'PAYMENT_BANK_REFERENCE_USED']);
    expect(codeOf(await record(two.bill.id, body))).toEqual([409, 'PAYMENT_BANK_REFERENCE_USED']);
    expect(await paymentsOf(env, one.bill.id)).toHaveLength(1);
    expect(await paymentsOf(env, two.bill.id)).toHaveLength(0);
    expect((await billRow(env, one.bill.id)).paidFen).toBe(100_000);
  });

  it('refuses money on a waived or void bill (409), and an unknown bill (404)', async () => {
    const { bill } = await memberBill(env, staff.token);
    await closeBill(env, staff.token, bill.id, 'void');
    expect(codeOf(await record(bill.id, transfer(100_000)))).toEqual([409, 'DUES_BILL_CLOSED']);
    const waived = await memberBill(env, staff.token);
    await closeBill(env, staff.token, waived.bill.id, 'waive');
    expect(codeOf(await record(waived.bill.id, transfer(100_000)))).toEqual([409, 'DUES_BILL_CLOSED']);
    expect(codeOf(await record(999_999, transfer(100_000)))).toEqual([404, 'NOT_FOUND']);
    expect(await paymentsOf(env, bill.id)).toHaveLength(0);
  });

  it.each([
    ['negative', -100],
    ['zero', 0],
    ['fractional', 100.5],
    ['absurdly large', 1_000_000_001],
    ['a string', '100'],
  ])('refuses a %s amount with 400 and records nothing', async (_name, amountFen) => {
    const { bill } = await memberBill(env, staff.token);
    const res = await record(bill.id, { ...transfer(1), amountFen });
    expect(codeOf(res)).toEqual([400, 'VALIDATION_FAILED']);
    expect(await paymentsOf(env, bill.id)).toHaveLength(0);
  });

  it('is for staff only: a contact of the unit recording a transfer is 403', async () => {
    const { bill, contact } = await memberBill(env, staff.token);
    expect(codeOf(await record(bill.id, transfer(100_000), contact.token))).toEqual([403, 'FORBIDDEN']);
  });
});
