import { billListResponseSchema, billReceiptSchema } from '@itss/shared';
import { type AuthEnv, bearer, postJson, seedOf } from '../support/auth-env';
import { PDF, person, uploadRaw } from '../support/joining';

let sequence = 0;

/** A staff member of the receipt tests' own. */
export function receiptStaff(env: AuthEnv): Promise<{ id: number; token: string }> {
  return person(env, `o_receipt_staff_${sequence++}`, ['staff']);
}

/** The unit's bill for this year, paid in full by a bank transfer staff record, as staff do. */
export async function paidBillOf(env: AuthEnv, unitId: number): Promise<number> {
  const staff = await receiptStaff(env);
  const seed = seedOf(env);
  const bills = billListResponseSchema.parse(await seed.ok(staff.token, 'GET', `/api/units/${unitId}/bills`));
  const bill = bills.items[0];
  if (!bill) throw new Error(`unit ${unitId} has no bill`);
  await seed.ok(staff.token, 'POST', `/api/dues/bills/${bill.id}/payments`, {
    amountFen: bill.amountFen - bill.paidFen,
    paidOn: new Date().toISOString().slice(0, 10),
    bankReference: `RECEIPT-${unitId}-${sequence++}`,
    payerName: bill.unitName,
  });
  return bill.id;
}

/** A member unit whose primary contact holds `contactToken`, with its bill paid. */
export async function unitWithPaidBill(
  env: AuthEnv,
  contactToken: string,
): Promise<{ unitId: number; billId: number }> {
  const staff = await receiptStaff(env);
  const { unit } = await seedOf(env).memberUnit(contactToken, staff.token);
  return { unitId: unit.id, billId: await paidBillOf(env, unit.id) };
}

/** A PDF uploaded by the holder of `token`, as staff upload the issued receipt. */
export async function uploadPdf(env: AuthEnv, token: string, bytes = PDF): Promise<number> {
  const res = await uploadRaw(env, token, bytes, '会费票据.pdf', 'application/pdf');
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { id: number }).id;
}

export async function requestReceipt(
  env: AuthEnv,
  token: string,
  billId: number,
  title = '北京示例信息技术有限公司',
) {
  const res = await postJson(env, `/api/dues/bills/${billId}/receipt-request`, { title }, bearer(token));
  if (res.status !== 200)
    throw new Error(`receipt request answered ${res.status}: ${JSON.stringify(res.body)}`);
  return billReceiptSchema.parse(res.body);
}

export async function issueReceipt(env: AuthEnv, staffToken: string, billId: number, bytes = PDF) {
  const fileId = await uploadPdf(env, staffToken, bytes);
  const res = await postJson(
    env,
    `/api/dues/bills/${billId}/receipt`,
    { fileId, number: `No.${billId}0001` },
    bearer(staffToken),
  );
  if (res.status !== 200) throw new Error(`issue answered ${res.status}: ${JSON.stringify(res.body)}`);
  return billReceiptSchema.parse(res.body);
}
