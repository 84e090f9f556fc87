import type { RegistrationInvoice } from '@itss/shared';
import type { RegistrationEntity } from './registration.entity';

/** The registration's invoice as the contract shows it; null before one is asked for. */
export function invoiceOf(row: RegistrationEntity): RegistrationInvoice | null {
  if (!row.invoiceRequestedAt || !row.invoiceTitle) return null;
  const issued = row.invoiceIssuedAt !== null && row.invoiceFileId !== null;
  return {
    status: issued ? 'issued' : 'requested',
    title: row.invoiceTitle,
    taxNumber: row.invoiceTaxNumber,
    number: row.invoiceNumber,
    // Served by the files feature under this feature's reader rule: the owner and staff.
    url: issued ? `/api/files/${row.invoiceFileId}` : null,
    requestedAt: row.invoiceRequestedAt.toISOString(),
    issuedAt: row.invoiceIssuedAt?.toISOString() ?? null,
  };
}
