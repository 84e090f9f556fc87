import { z } from 'zod';

/** For endpoints that take no query parameters: unknown ones are refused, not silently ignored. */
export const noQuerySchema = z.strictObject({});

/**
 * The largest id a row can have: ids are kept in signed INT columns (MariaDB's `int`, 2³¹ − 1). An id
 * past it names no row, and MariaDB refuses to store it in a reference column ("Out of range").
 */
export const DB_ID_MAX = 2_147_483_647;

/** A database id as a JSON number: every contract field that takes one is bounded here. */
export const idSchema = z
  .number('应为正整数')
  .int('应为正整数')
  .positive('应为正整数')
  .max(DB_ID_MAX, '编号无效');

/**
 * A positive whole number written in a path or query string, in plain decimal digits only. Not
 * `z.coerce.number()`: `Number()` also reads `0x6`, `+6`, ` 6` and `6e0`, so one record would answer to
 * many spellings of its id; whatever a client sends must mean one thing or be refused.
 */
export const decimalIdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, '应为正整数')
  .transform(Number)
  .pipe(idSchema);

/** An opaque keyset cursor, as the server wrote it into `nextCursor`. */
export const cursorSchema = z.string().max(200);

/**
 * The paging half of every list's query: `limit` rows from `cursor` on (absent: the first page).
 * Spread into the list's own schema: `z.strictObject({ q, ...cursorPageQuery({ max: 100 }) })`.
 */
export function cursorPageQuery({
  max = 50,
  defaultLimit = 20,
}: { max?: number; defaultLimit?: number } = {}) {
  return {
    limit: z.coerce
      .number()
      .int()
      .min(1, '每页至少 1 条')
      .max(max, `每页最多 ${max} 条`)
      .default(defaultLimit),
    cursor: cursorSchema.optional(),
  };
}

/**
 * Every list's answer: a page of items and the cursor of the next page (null on the last). A list
 * that answers more (a count) extends it: `pageOf(item).extend({ unread })`.
 */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: cursorSchema.nullable() });
}
