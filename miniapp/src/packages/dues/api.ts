import {
  billListResponseSchema,
  duesSettingsResponseSchema,
  paymentSyncResponseSchema,
  wechatPayOrderSchema,
  type BillListResponse,
  type DuesSettingsResponse,
  type PaymentSyncResponse,
  type ReceiptRequest,
  type WechatPayOrder,
} from '@itss/shared';
import { request } from '@/services/http';

// A unit's contacts: their bills, how to pay them, and their receipts.

/** Every year's bill of the unit, newest first (the unit's contacts and staff). */
export function getUnitBills(unitId: number): Promise<BillListResponse> {
  return request({ path: `/api/units/${unitId}/bills`, schema: billListResponseSchema });
}

/** The association's account for bank transfers, and whether WeChat Pay is offered. */
export function getDuesSettings(): Promise<DuesSettingsResponse> {
  return request({ path: '/api/dues/settings', schema: duesSettingsResponseSchema });
}

/** Opens (or answers again) the caller's WeChat Pay order for what the bill still owes. */
export function startWechatPay(billId: number): Promise<WechatPayOrder> {
  return request({
    path: `/api/dues/bills/${billId}/wechat-pay`,
    method: 'POST',
    schema: wechatPayOrderSchema,
  });
}

/** Asks the server to ask WeChat Pay where the payment stands, settling it at once if it is paid. */
export function syncPayment(paymentId: number): Promise<PaymentSyncResponse> {
  return request({
    path: `/api/payments/${paymentId}/sync`,
    method: 'POST',
    schema: paymentSyncResponseSchema,
  });
}

/** `body` is what `receiptRequestSchema.safeParse` returned. */
export function requestReceipt(billId: number, body: ReceiptRequest): Promise<void> {
  return request({ path: `/api/dues/bills/${billId}/receipt-request`, method: 'POST', data: { ...body } });
}

/** The issued 会费票据, downloaded with the session's token. */
export function receiptPath(billId: number): string {
  return `/api/dues/bills/${billId}/receipt.pdf`;
}
