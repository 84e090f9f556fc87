import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** A keyset position: (time, id) of the last item of the page, as epoch milliseconds and id. */
export interface Keyset {
  t: number;
  i: number;
}

export function isKeyset(value: unknown): value is Keyset {
  if (typeof value !== 'object' || value === null) return false;
  const { t, i } = value as Record<string, unknown>;
  return (
    typeof t === 'number' &&
    Number.isSafeInteger(t) &&
    t >= 0 &&
    typeof i === 'number' &&
    Number.isSafeInteger(i) &&
    i > 0 &&
    Object.keys(value).length === 2
  );
}

/**
 * The rows of `qb` newest first on (`column`, id), those after `after` only, one more than `limit`
 * (keysetPage's look-ahead): the feed pages on publishedAt, staff's list on updatedAt.
 */
export function newestFirst<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  column: 'publishedAt' | 'updatedAt',
  after: Keyset | undefined,
  limit: number,
): Promise<T[]> {
  const at = `${qb.alias}.${column}`;
  const id = `${qb.alias}.id`;
  if (after) {
    qb.andWhere(`(${at} < :at OR (${at} = :at AND ${id} < :id))`, { at: new Date(after.t), id: after.i });
  }
  return qb
    .orderBy(at, 'DESC')
    .addOrderBy(id, 'DESC')
    .limit(limit + 1)
    .getMany();
}
