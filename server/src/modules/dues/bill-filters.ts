import {
  BILL_OPEN_STATUSES,
  type BillStatus,
  type LevelCode,
  REMITTANCE_ALPHABET,
  isRemittanceCode,
} from '@itss/shared';
import type { SelectQueryBuilder } from 'typeorm';
import type { UnitsService } from '../units/units.service';
import type { BillEntity } from './bill.entity';

/** The filters staff's bills list and its export share. */
export interface BillFilters {
  year?: number;
  status?: BillStatus;
  level?: LevelCode;
  overdue?: 'true' | 'false';
  q?: string;
}

/** Units a name search may match: a few thousand members, so more means the text is too short. */
const NAME_MATCHES = 2000;

/** A remittance code as people type it (any case, spaces or dashes inside), or null. */
function remittanceCodeIn(text: string): string | null {
  const code = text.toUpperCase().replace(/[\s\-_]/g, '');
  if (isRemittanceCode(code)) return code;
  // Seven characters of the alphabet with a wrong check character: a mistyped code matches nothing.
  return code.length === 7 && [...code].every((c) => REMITTANCE_ALPHABET.includes(c)) ? code : null;
}

/**
 * Narrows a query on `bill` to the filters. `q` is a remittance code or part of a unit's name, the
 * latter asked of units (which own the names) as a list of ids.
 */
export async function applyBillFilters(
  qb: SelectQueryBuilder<BillEntity>,
  filters: BillFilters,
  today: string,
  units: UnitsService,
): Promise<void> {
  if (filters.year !== undefined) qb.andWhere('bill.year = :year', { year: filters.year });
  if (filters.status) qb.andWhere('bill.status = :status', { status: filters.status });
  if (filters.level) qb.andWhere('bill.level = :level', { level: filters.level });
  const open = [...BILL_OPEN_STATUSES];
  if (filters.overdue === 'true') {
    qb.andWhere('bill.status IN (:...open) AND bill.dueDate < :today', { open, today });
  } else if (filters.overdue === 'false') {
    qb.andWhere('(bill.status NOT IN (:...open) OR bill.dueDate >= :today)', { open, today });
  }
  const q = filters.q?.trim();
  if (q) {
    const code = remittanceCodeIn(q);
    if (code) {
      qb.andWhere('bill.remittanceCode = :code', { code });
    } else {
      const ids = await units.idsByName(q, NAME_MATCHES);
      // No unit by that name: a condition no row meets, rather than an empty IN ().
      if (ids.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere('bill.unitId IN (:...unitIds)', { unitIds: ids });
    }
  }
}
