import { type LevelCode, type UnitStatus, checkUscc, normalizeUscc } from '@itss/shared';
import type { SelectQueryBuilder } from 'typeorm';
import type { UnitEntity } from './unit.entity';

/** The filters the staff list, the export and the directory share. */
export interface UnitFilters {
  q?: string;
  level?: LevelCode;
  status?: UnitStatus;
}

/**
 * Narrows a query on `unit` to the filters: a search text matches part of the name, or (unless
 * `byCreditCode` is false) the whole credit code, as typed in any case and spacing. `!` escapes
 * LIKE's wildcards: backslash means different things to SQLite and MariaDB string literals, `!`
 * means the same to both.
 */
export function applyUnitFilters(
  qb: SelectQueryBuilder<UnitEntity>,
  filters: UnitFilters,
  { byCreditCode = true }: { byCreditCode?: boolean } = {},
): void {
  const q = filters.q?.trim();
  if (q) {
    const like = `%${q.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    const code = normalizeUscc(q);
    if (!byCreditCode || checkUscc(code) === 'bad_format') {
      qb.andWhere("unit.name LIKE :like ESCAPE '!'", { like });
    } else {
      qb.andWhere("(unit.name LIKE :like ESCAPE '!' OR unit.creditCode = :code)", { like, code });
    }
  }
  if (filters.level) qb.andWhere('unit.level = :level', { level: filters.level });
  if (filters.status) qb.andWhere('unit.status = :status', { status: filters.status });
}
