import { type Bill, billListResponseSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { BillEntity } from '../../src/modules/dues/bill.entity';
import { PaymentEntity } from '../../src/modules/payments/payment.entity';
import { type AuthEnv, seedOf } from '../support/auth-env';
import { person } from '../support/joining';

let sequence = 0;

/** A signed-in person. */
export type Person = { id: number; token: string };

/** A member unit made through approval, its primary contact, and the year's bill approval opened. */
export async function memberBill(
  env: AuthEnv,
  staffToken: string,
  contact?: Person,
): Promise<{ contact: Person; unitId: number; bill: Bill }> {
  const who = contact ?? (await person(env, `o_payer_${process.pid}_${sequence++}`));
  const { unit } = await seedOf(env).memberUnit(who.token, staffToken);
  const bills = billListResponseSchema.parse(
    await seedOf(env).ok(who.token, 'GET', `/api/units/${unit.id}/bills`),
  );
  const bill = bills.items[0];
  if (!bill) throw new Error('approval opened no bill');
  return { contact: who, unitId: unit.id, bill };
}

/** The bill's row as it stands now. */
export function billRow(env: AuthEnv, id: number): Promise<BillEntity> {
  return env.server.app.get(DataSource).getRepository(BillEntity).findOneByOrFail({ id });
}

/** Every payment of one bill, oldest first. */
export function paymentsOf(env: AuthEnv, billId: number): Promise<PaymentEntity[]> {
  return env.server.app
    .get(DataSource)
    .getRepository(PaymentEntity)
    .find({ where: { subjectType: 'dues_bill', subjectId: billId }, order: { id: 'ASC' } });
}

/** A bank transfer as staff record it; `reference` unique unless given. */
export function transfer(amountFen: number, reference = `BR${process.pid}X${sequence++}`) {
  return { amountFen, paidOn: '2026-03-01', bankReference: reference, payerName: '北京示例信息技术有限公司' };
}

/** A bill closed by staff, set directly while the waive/void routes are another helper's. */
export async function closeBill(env: AuthEnv, id: number, status: 'waived' | 'void'): Promise<void> {
  await env.server.app.get(DataSource).getRepository(BillEntity).update({ id }, { status, reason: '测试' });
}
