import { z } from 'zod';

/** For endpoints that take no query parameters: unknown ones are refused, not silently ignored. */
export const noQuerySchema = z.strictObject({});
