import { ErrorCode, type LevelCode, type UnitStatus, checkUscc, normalizeUscc } from '@itss/shared';
import type { SelectQueryBuilder } from 'typeorm';
import { AppError } from '../../common/app-error';
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

/**
 * Cursors are opaque to clients (base64url of JSON) so that the keyset behind them can change
 * without a contract change; a cursor that does not decode to what `check` expects is refused as
 * the client's mistake, never a 500.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, check: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    value = undefined;
  }
  if (!check(value)) {
    throw new AppError(ErrorCode.ValidationFailed, undefined, [
      { path: 'cursor', message: '翻页参数无效，请从第一页重新加载' },
    ]);
  }
  return value;
}

export function isPositiveId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
