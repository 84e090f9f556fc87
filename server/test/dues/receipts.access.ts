import { person } from '../support/joining';
import { type RouteAccess, SIGNED_IN, STAFF } from '../support/role-matrix';
import { unitOf } from '../units/access';
import {
  issueReceipt,
  paidBillOf,
  receiptStaff,
  requestReceipt,
  unitWithPaidBill,
  uploadPdf,
} from './receipts-support';

let sequence = 0;

/**
 * 会费票据 routes. Those open to contacts on the caller's own unit's bill (another unit's is 404,
 * receipts.e2e-spec.ts); staff's on a bill whose receipt a contact requested. The anonymous persona
 * is refused before the bill is looked at, so it is given any bill's path.
 */
export const ACCESS: RouteAccess[] = [
  {
    method: 'POST',
    route: '/api/dues/bills/:id/receipt-request',
    allowed: SIGNED_IN,
    path: async (env, caller) =>
      caller.token
        ? `/api/dues/bills/${await paidBillOf(env, await unitOf(env, caller))}/receipt-request`
        : '/api/dues/bills/1/receipt-request',
    body: () => Promise.resolve({ title: '北京示例信息技术有限公司' }),
  },
  { method: 'GET', route: '/api/dues/receipt-requests', allowed: STAFF },
  {
    method: 'POST',
    route: '/api/dues/bills/:id/receipt',
    allowed: STAFF,
    path: async (env) => {
      const contact = await person(env, `o_receipt_matrix_contact_${sequence++}`);
      const { billId } = await unitWithPaidBill(env, contact.token);
      await requestReceipt(env, contact.token, billId);
      return `/api/dues/bills/${billId}/receipt`;
    },
    body: async (env, caller) => ({
      fileId: caller.token ? await uploadPdf(env, caller.token) : 1,
      number: 'No.20260001',
    }),
  },
  {
    method: 'GET',
    route: '/api/dues/bills/:id/receipt.pdf',
    allowed: SIGNED_IN,
    path: async (env, caller) => {
      if (!caller.token) return '/api/dues/bills/1/receipt.pdf';
      const billId = await paidBillOf(env, await unitOf(env, caller));
      await requestReceipt(env, caller.token, billId);
      await issueReceipt(env, (await receiptStaff(env)).token, billId);
      return `/api/dues/bills/${billId}/receipt.pdf`;
    },
  },
];
