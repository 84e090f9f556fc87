import {
  type BillDetail,
  billDetailSchema,
  type BillListResponse,
  billListResponseSchema,
  type BillPage,
  billPageSchema,
  type BillReasonRequest,
  type BillStatus,
  type DuesSettings,
  type DuesSettingsResponse,
  duesSettingsResponseSchema,
  type DuesSummary,
  duesSummarySchema,
  type FeesFen,
  type FeesResponse,
  feesResponseSchema,
  type LevelCode,
  type OpenBillsRequest,
  type OpenBillsResponse,
  openBillsResponseSchema,
  type PaymentSyncResponse,
  paymentSyncResponseSchema,
  type ReceiptRequest,
  type ReceiptRequestPage,
  receiptRequestPageSchema,
  type ReceiptStatus,
  type RecordPaymentRequest,
  type RefundRequest,
  type StatementConfirmResponse,
  statementConfirmResponseSchema,
  type StatementPreview,
  statementPreviewSchema,
  type WechatPayOrder,
  wechatPayOrderSchema,
} from '@itss/shared';
import { exportSheet } from '@/services/download';
import { request } from '@/services/http';
import { queryString } from '@/services/query';
import { uploadFile, uploadMultipart, type PickedFile } from '@/services/upload';

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

// Staff: the year's summary and bills, payments, statements, receipts, fees and the account.

export function getDuesSummary(year: number): Promise<DuesSummary> {
  return request({ path: '/api/dues/summary', query: { year }, schema: duesSummarySchema });
}

/** The bills list's filters as the pages hold them; absent means "any". */
export interface BillFilters {
  year?: number;
  status?: BillStatus;
  level?: LevelCode;
  overdue?: boolean;
  q?: string;
}

export const BILL_PAGE_SIZE = 20;

/** The filters as the route's query: `overdue` only when asked for. */
const billQuery = ({ overdue, ...filters }: BillFilters) => ({
  ...filters,
  overdue: overdue ? 'true' : undefined,
});

export function getDuesBills(
  filters: BillFilters,
  cursor: string | null,
  limit = BILL_PAGE_SIZE,
): Promise<BillPage> {
  return request({
    path: '/api/dues/bills',
    query: { ...billQuery(filters), limit, cursor },
    schema: billPageSchema,
  });
}

/** The bills under these filters as a spreadsheet (downloaded with the token). */
export function exportDuesBills(filters: BillFilters): Promise<void> {
  return exportSheet(`/api/dues/bills/export.xlsx${queryString(billQuery(filters))}`, '会费账单');
}

export function getDuesBill(id: number): Promise<BillDetail> {
  return request({ path: `/api/dues/bills/${id}`, schema: billDetailSchema });
}

/** `body` is what `recordPaymentRequestSchema.safeParse` returned. */
export async function recordPayment(billId: number, body: RecordPaymentRequest): Promise<void> {
  await request({ path: `/api/dues/bills/${billId}/payments`, method: 'POST', data: { ...body } });
}

/** 减免 (`waive`) or 作废 (`void`) with the reason staff gave. */
export async function closeBill(
  billId: number,
  action: 'waive' | 'void',
  body: BillReasonRequest,
): Promise<void> {
  await request({ path: `/api/dues/bills/${billId}/${action}`, method: 'POST', data: { ...body } });
}

/** A WeChat payment given back in part or whole; it counts once WeChat Pay reports it succeeded. */
export async function refundPayment(paymentId: number, body: RefundRequest): Promise<void> {
  await request({ path: `/api/payments/${paymentId}/refunds`, method: 'POST', data: { ...body } });
}

/** Opens the year's bills for every unit that has none; safe to press twice. */
export function openYearBills(year: number, body: OpenBillsRequest): Promise<OpenBillsResponse> {
  return request({
    path: `/api/dues/years/${year}/bills`,
    method: 'POST',
    data: { ...body },
    schema: openBillsResponseSchema,
  });
}

export function downloadStatementTemplate(): Promise<void> {
  return exportSheet('/api/dues/statements/template', '银行流水模板');
}

/** Uploads a statement: lines are matched and nothing is credited until the preview is confirmed. */
export function uploadStatement(file: PickedFile): Promise<StatementPreview> {
  return uploadMultipart({
    path: '/api/dues/statements',
    method: 'POST',
    file,
    schema: statementPreviewSchema,
  });
}

export function confirmStatement(id: number): Promise<StatementConfirmResponse> {
  return request({
    path: `/api/dues/statements/${id}/confirm`,
    method: 'POST',
    schema: statementConfirmResponseSchema,
  });
}

/** An unmatched line credited to a bill staff chose. */
export async function assignStatementLine(id: number, line: number, billId: number): Promise<void> {
  await request({
    path: `/api/dues/statements/${id}/lines/${line}/assign`,
    method: 'POST',
    data: { billId },
  });
}

export function getReceiptRequests(
  status: ReceiptStatus | undefined,
  cursor: string | null,
  limit?: number,
): Promise<ReceiptRequestPage> {
  return request({
    path: '/api/dues/receipt-requests',
    query: { status, cursor, limit },
    schema: receiptRequestPageSchema,
  });
}

/** The issued 会费票据: the PDF goes to POST /api/files first, then the bill takes its id. */
export async function issueReceipt(billId: number, file: PickedFile, number: string): Promise<void> {
  const stored = await uploadFile(file);
  await request({
    path: `/api/dues/bills/${billId}/receipt`,
    method: 'POST',
    data: { fileId: stored.id, number },
  });
}

export function getFees(): Promise<FeesResponse> {
  return request({ path: '/api/dues/fees', schema: feesResponseSchema });
}

export async function putFees(year: number, feesFen: FeesFen): Promise<void> {
  await request({ path: `/api/dues/fees/${year}`, method: 'PUT', data: { feesFen } });
}

export async function putDuesSettings(body: DuesSettings): Promise<void> {
  await request({ path: '/api/dues/settings', method: 'PUT', data: { ...body } });
}
