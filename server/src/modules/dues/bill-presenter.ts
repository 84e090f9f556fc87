import { BILL_OPEN_STATUSES, type Bill, type BillReceipt } from '@itss/shared';
import type { BillEntity } from './bill.entity';

/** Open and past its due date: `today` is the Beijing day the answer is for. */
export function isOverdue(bill: Pick<BillEntity, 'status' | 'dueDate'>, today: string): boolean {
  return BILL_OPEN_STATUSES.includes(bill.status) && bill.dueDate < today;
}

/** A bill's receipt as the contract shows it; null before one is requested. */
export function receiptOf(bill: BillEntity): BillReceipt | null {
  if (!bill.receiptStatus || !bill.receiptTitle || !bill.receiptRequestedAt) return null;
  return {
    status: bill.receiptStatus,
    title: bill.receiptTitle,
    taxNumber: bill.receiptTaxNumber,
    number: bill.receiptNumber,
    requestedAt: bill.receiptRequestedAt.toISOString(),
    issuedAt: bill.receiptIssuedAt?.toISOString() ?? null,
  };
}

/** A bill as every route answers it; the unit's name comes from units (by id, one read per page). */
export function presentBill(bill: BillEntity, unitName: string, today: string): Bill {
  return {
    id: bill.id,
    unitId: bill.unitId,
    unitName,
    year: bill.year,
    level: bill.level,
    kind: bill.kind,
    amountFen: bill.amountFen,
    paidFen: bill.paidFen,
    status: bill.status,
    dueDate: bill.dueDate,
    overdue: isOverdue(bill, today),
    remittanceCode: bill.remittanceCode,
    receipt: receiptOf(bill),
    createdAt: bill.createdAt.toISOString(),
  };
}
