import { ErrorCode } from '@itss/shared';
import { type FindOptionsOrder, type FindOptionsWhere, LessThan, MoreThan, type Repository } from 'typeorm';
import { AppError } from './app-error';

/**
 * The one keyset cursor of every list: opaque to clients (base64url of JSON), so the keyset behind
 * it can change without a contract change. A cursor that does not decode to what the list's `check`
 * expects — typed by hand, cut short, or from another list — is refused as the client's mistake
 * (400 VALIDATION_FAILED on `cursor`), never a 500. Not signed: whatever a client writes into one
 * only moves where its own page starts, which it may ask for anyway.
 */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The detail a refused cursor is answered with: the client starts again from the first page. */
const INVALID_CURSOR = { path: 'cursor', message: '翻页参数无效，请从第一页重新加载' };

export function decodeCursor<T>(cursor: string, check: (key: unknown) => key is T): T {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    key = undefined;
  }
  if (!check(key)) throw new AppError(ErrorCode.ValidationFailed, [INVALID_CURSOR]);
  return key;
}

/** The keyset of lists ordered by id alone. */
export function isPositiveId(key: unknown): key is number {
  return typeof key === 'number' && Number.isSafeInteger(key) && key > 0;
}

/**
 * One page of a keyset read that fetched `limit + 1` rows: the extra row only says whether a next
 * page exists, and the next cursor is the key of the page's last row.
 */
export function keysetPage<T>(
  rows: T[],
  limit: number,
  keyOf: (last: T) => unknown,
): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/**
 * A page of the rows matching `where`, ordered by id — newest first (`DESC`) or oldest first
 * (`ASC`, ids grow with time) — from `cursor` on: one indexed range read, no count.
 */
export async function pageById<T extends { id: number }>(
  repository: Repository<T>,
  where: FindOptionsWhere<T>,
  { cursor, limit }: { cursor?: string; limit: number },
  order: 'ASC' | 'DESC' = 'DESC',
): Promise<{ page: T[]; nextCursor: string | null }> {
  const from = cursor === undefined ? undefined : decodeCursor(cursor, isPositiveId);
  const rows = await repository.find({
    where: from === undefined ? where : { ...where, id: order === 'DESC' ? LessThan(from) : MoreThan(from) },
    order: { id: order } as FindOptionsOrder<T>,
    take: limit + 1,
  });
  return keysetPage(rows, limit, (last) => last.id);
}
