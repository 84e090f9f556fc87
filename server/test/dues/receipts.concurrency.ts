import { billReceiptSchema } from '@itss/shared';
import { type Call, type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import type { AuthEnv } from '../support/auth-env';
import { person } from '../support/joining';
import { receiptStaff, requestReceipt, unitWithPaidBill, uploadPdf } from './receipts-support';

async function auditedFor(env: AuthEnv, action: string, billId: number): Promise<number> {
  return (await auditRows(env, action)).filter((row) => row.target === `bill:${billId}`).length;
}

let sequence = 0;

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/dues/bills/:id/receipt-request',
    title:
      'five requests at once (a double tap): one 200, four 409 DUES_RECEIPT_ALREADY_REQUESTED, audited once',
    async run(env) {
      const contact = await person(env, `o_receipt_race_${sequence++}`);
      const { billId } = await unitWithPaidBill(env, contact.token);
      const call: Call = {
        method: 'POST',
        path: `/api/dues/bills/${billId}/receipt-request`,
        token: contact.token,
        body: { title: '北京示例信息技术有限公司' },
      };
      expect(tally(await atOnce(env, times(5, call)))).toEqual({
        '200': 1,
        '409 DUES_RECEIPT_ALREADY_REQUESTED': 4,
      });
      expect(await auditedFor(env, 'dues.receipt_requested', billId)).toBe(1);
    },
  },
  {
    route: 'POST /api/dues/bills/:id/receipt',
    title:
      'the same receipt issued five times at once: all 200, issued and audited once; another file then is 409',
    async run(env) {
      const contact = await person(env, `o_receipt_race_${sequence++}`);
      const staff = await receiptStaff(env);
      const { billId } = await unitWithPaidBill(env, contact.token);
      await requestReceipt(env, contact.token, billId);
      const fileId = await uploadPdf(env, staff.token);
      const call: Call = {
        method: 'POST',
        path: `/api/dues/bills/${billId}/receipt`,
        token: staff.token,
        body: { fileId, number: 'No.20260001' },
      };
      const answers = await atOnce(env, times(5, call));
      expect(tally(answers)).toEqual({ '200': 5 });
      expect(answers.map(({ body }) => billReceiptSchema.parse(body).status)).toEqual(
        Array(5).fill('issued'),
      );
      expect(await auditedFor(env, 'dues.receipt_issued', billId)).toBe(1);
      const other = await atOnce(env, [
        { ...call, body: { fileId: await uploadPdf(env, staff.token), number: 'No.20260002' } },
      ]);
      expect(tally(other)).toEqual({ '409 DUES_RECEIPT_ALREADY_ISSUED': 1 });
    },
  },
];
