import { type Bill, type WechatPayOrder, billListResponseSchema, wechatPayOrderSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { BillEntity } from '../../src/modules/dues/bill.entity';
import { PaymentEntity } from '../../src/modules/payments/payment.entity';
import { type AuthEnv, seedOf } from '../support/auth-env';
import { person } from '../support/joining';
import { payAtStandin, prepayIdOf } from './wechatpay';

let sequence = 0;

/** A signed-in person. */
export type Person = { id: number; token: string };

/** A member unit made through approval, its primary contact, and the year's bill approval opened. */
export async function memberBill(
  env: AuthEnv,
  staffToken: string,
  contact?: { token: string; id?: number },
): Promise<{ contact: Person; unitId: number; bill: Bill }> {
  const who = contact?.id
    ? { id: contact.id, token: contact.token }
    : contact
      ? { id: 0, token: contact.token }
      : await person(env, `o_payer_${process.pid}_${sequence++}`);
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

/** A bill staff waive or void, through their route. */
export async function closeBill(
  env: AuthEnv,
  staffToken: string,
  id: number,
  how: 'waive' | 'void',
): Promise<void> {
  await seedOf(env).ok(staffToken, 'POST', `/api/dues/bills/${id}/${how}`, {
    reason: '单位已注销，作废账单',
  });
}

/** A WeChat Pay order of the bill, opened as its contact (`token`) does in the mini-program. */
export async function wechatOrder(env: AuthEnv, billId: number, token: string): Promise<WechatPayOrder> {
  return wechatPayOrderSchema.parse(
    await seedOf(env).ok(token, 'POST', `/api/dues/bills/${billId}/wechat-pay`),
  );
}

/** A bill paid in full by WeChat Pay (no notification; the payer's sync settles it): its payment id. */
export async function paidByWechat(
  env: AuthEnv,
  staffToken: string,
): Promise<{ billId: number; paymentId: number; payer: Person }> {
  const { bill, contact } = await memberBill(env, staffToken);
  const order = await wechatOrder(env, bill.id, contact.token);
  await payAtStandin(env, prepayIdOf(order), 'success', 'none');
  await seedOf(env).ok(contact.token, 'POST', `/api/payments/${order.paymentId}/sync`);
  return { billId: bill.id, paymentId: order.paymentId, payer: contact };
}
