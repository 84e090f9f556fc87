import { randomInt } from 'node:crypto';
import { type ApplicableLevel, makeRemittanceCode } from '@itss/shared';
import { DataSource } from 'typeorm';
import { BillEntity } from '../../src/modules/dues/bill.entity';
import { type AuthEnv, bearer, postJson } from '../support/auth-env';
import { dayFromToday, thisYear } from '../dues/dues-support';
import { member, type Member } from '../groups/support';

export { member, type Member };

export const ds = (env: AuthEnv) => env.server.app.get(DataSource);
export const billRows = (env: AuthEnv) => ds(env).getRepository(BillEntity);

/**
 * Annual bills of past years, unpaid and past their due date (March 31st of each year), as a unit
 * that stopped paying has them. Written to the table: the API opens a past year only with a due
 * date not before today.
 */
export async function pastBills(
  env: AuthEnv,
  unitId: number,
  years: number[],
  amountFen = 300_000,
): Promise<BillEntity[]> {
  const at = new Date();
  const made: BillEntity[] = [];
  for (const year of years) {
    made.push(
      await billRows(env).save(
        billRows(env).create({
          unitId,
          year,
          level: 'member',
          kind: 'annual',
          series: 0,
          amountFen,
          paidFen: 0,
          status: 'unpaid',
          dueDate: `${year}-03-31`,
          remittanceCode: makeRemittanceCode(randomInt),
          reason: null,
          receiptStatus: null,
          receiptTitle: null,
          receiptTaxNumber: null,
          receiptNumber: null,
          receiptFileId: null,
          receiptRequestedAt: null,
          receiptIssuedAt: null,
          createdAt: at,
          updatedAt: at,
        }),
      ),
    );
  }
  return made;
}

/** A unit's primary contact, their unit in arrears for the two years before this one. */
export async function unitInArrears(env: AuthEnv, level: ApplicableLevel = 'committee') {
  const owner = await member(env, level);
  const bills = await pastBills(env, owner.unitId, [thisYear() - 2, thisYear() - 1]);
  return { owner, bills };
}

let reference = 0;

/** Staff record a bank transfer of `amountFen` on the bill. */
export function pay(env: AuthEnv, staffToken: string, billId: number, amountFen: number) {
  return postJson(
    env,
    `/api/dues/bills/${billId}/payments`,
    {
      amountFen,
      paidOn: dayFromToday(0),
      bankReference: `STD${process.pid}${reference++}${Date.now() % 100_000}`,
      payerName: '北京示例信息技术有限公司',
    },
    bearer(staffToken),
  );
}

/** A removal on the given ground, decided today by the 主任委员会. */
export function removalBody(ground: 'unpaid_two_years' | 'breach' = 'unpaid_two_years') {
  return {
    ground,
    body: '主任委员会',
    decidedOn: dayFromToday(0),
    documentNumber: 'ITSS〔2026〕7号',
    reason:
      ground === 'breach'
        ? '以分会名义从事商业推广，经警告仍未改正'
        : '连续两个年度未交纳会费，经催缴仍未交纳',
  };
}
