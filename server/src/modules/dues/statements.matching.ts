import {
  BILL_OPEN_STATUSES,
  STATEMENT_REASONS,
  bankReferenceSchema,
  findRemittanceCodes,
  formatFen,
} from '@itss/shared';
import type { BillEntity } from './bill.entity';
import type { StatementLine } from './statements.sheet';

/** A statement line as stored: what the file said and what it matched, or why not. */
export interface MatchedLine extends StatementLine {
  remittanceCode: string | null;
  billId: number | null;
  reason: string | null;
  warning: string | null;
}

/** What matching a statement needs from the database, fetched in batches beforehand. */
export interface MatchContext {
  /** Bills by remittance code, for every code found in the memos. */
  billsByCode: Map<string, BillEntity>;
  /** Unit names by unit id, for those bills. */
  unitNames: Map<number, string>;
  /** The references among the lines' that were credited before. */
  usedReferences: Set<string>;
}

/** Usable bank references of the lines, each once: what to ask the payments feature about. */
export function referencesOf(lines: readonly StatementLine[]): string[] {
  return [...new Set(lines.map((line) => line.bankReference).filter(isBankReference))];
}

export function isBankReference(text: string): boolean {
  return bankReferenceSchema.safeParse(text).success;
}

/** Every well-formed code in the memos, each once: what to look bills up by. */
export function codesOf(lines: readonly StatementLine[]): string[] {
  return [...new Set(lines.flatMap((line) => findRemittanceCodes(line.memo)))];
}

/** A name as compared: no spaces or brackets, which banks and people write in either width. */
function comparableName(name: string): string {
  return name.replace(/[\s()（）]/g, '').toLowerCase();
}

/** Why staff should look twice at a match, or null: the payer is someone else, the amount not what is owed. */
function warningOf(line: StatementLine, bill: BillEntity, unitName: string): string | null {
  const warnings: string[] = [];
  const payer = comparableName(line.payer);
  const unit = comparableName(unitName);
  // Banks cut long names short: a payer name the unit's begins with, or the reverse, is the unit.
  if (payer && unit && !payer.startsWith(unit) && !unit.startsWith(payer)) {
    warnings.push(`付款户名与单位名称“${unitName}”不同`);
  }
  const owed = bill.amountFen - bill.paidFen;
  if (owed <= 0) warnings.push('该账单已缴清，此笔将计为多缴');
  else if (line.amountFen !== owed) warnings.push(`金额与应缴的 ${formatFen(owed)}不符`);
  return warnings.length ? warnings.join('；') : null;
}

/**
 * Matches each line on its own, in the order a person would check it: an amount that is money
 * coming in, a day, a reference the bank gave it once (in this file and ever), then the bill named
 * by the remittance code in the memo. A memo naming two bills is left for staff, never guessed.
 */
export function matchLines(lines: readonly StatementLine[], context: MatchContext): MatchedLine[] {
  const firstLineOf = new Map<string, number>();
  return lines.map((line) => {
    const unmatched = (reason: string, bill?: BillEntity, code?: string): MatchedLine => ({
      ...line,
      remittanceCode: code ?? null,
      billId: bill?.id ?? null,
      reason,
      warning: null,
    });
    if (line.amountInvalid) return unmatched(STATEMENT_REASONS.badAmount);
    if (line.amountFen === null || line.amountFen <= 0) return unmatched(STATEMENT_REASONS.notCredit);
    if (line.paidOn === null) return unmatched(STATEMENT_REASONS.badDate);
    if (!isBankReference(line.bankReference)) return unmatched(STATEMENT_REASONS.badReference);
    const first = firstLineOf.get(line.bankReference);
    if (first !== undefined) return unmatched(`${STATEMENT_REASONS.repeatedReference}（第 ${first} 行）`);
    firstLineOf.set(line.bankReference, line.line);
    if (context.usedReferences.has(line.bankReference)) return unmatched(STATEMENT_REASONS.referenceCredited);
    const codes = findRemittanceCodes(line.memo);
    if (codes.length === 0) return unmatched(STATEMENT_REASONS.noCode);
    const named = codes.flatMap((code) => {
      const bill = context.billsByCode.get(code);
      return bill ? [{ code, bill }] : [];
    });
    const [only] = named;
    if (!only) return unmatched(STATEMENT_REASONS.unknownCode, undefined, codes[0]);
    if (named.length > 1) return unmatched(STATEMENT_REASONS.severalBills);
    const { code, bill } = only;
    if (!BILL_OPEN_STATUSES.includes(bill.status) && bill.status !== 'paid') {
      return unmatched(STATEMENT_REASONS.billClosed, bill, code);
    }
    return {
      ...line,
      remittanceCode: code,
      billId: bill.id,
      reason: null,
      warning: warningOf(line, bill, context.unitNames.get(bill.unitId) ?? ''),
    };
  });
}
