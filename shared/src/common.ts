import { z } from 'zod';

/** For endpoints that take no query parameters: unknown ones are refused, not silently ignored. */
export const noQuerySchema = z.strictObject({});

/**
 * A positive whole number written in a path or query string, in plain decimal digits only. Not
 * `z.coerce.number()`: `Number()` also reads `0x6`, `+6`, ` 6` and `6e0`, so one record would answer to
 * many spellings of its id; whatever a client sends must mean one thing or be refused.
 */
export const decimalIdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, '应为正整数')
  .transform(Number)
  .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));
