import { z } from 'zod';
import { LEVEL_CODES, RIGHT_TIERS } from '../domain/levels';

export const levelCodeSchema = z.enum(LEVEL_CODES);
export const rightTierSchema = z.enum(RIGHT_TIERS);

export const levelRightSchema = z.object({
  text: z.string(),
  tier: rightTierSchema,
});

export const levelSchema = z.object({
  code: levelCodeSchema,
  name: z.string(),
  annualFeeYuan: z.number().int().nonnegative(),
  rank: z.number().int().positive(),
  /** Every right the level holds, cumulative, in the handbook's order. */
  rights: z.array(levelRightSchema).min(1),
});

export const rightTierInfoSchema = z.object({
  tier: rightTierSchema,
  name: z.string(),
  /** The handbook's sentence before a tier's additional rights; absent for the base tier. */
  preamble: z.string().optional(),
});

export const levelsResponseSchema = z.object({
  items: z.array(levelSchema),
  tiers: z.array(rightTierInfoSchema),
});
export type Level = z.infer<typeof levelSchema>;
export type LevelsResponse = z.infer<typeof levelsResponseSchema>;

export const obligationsResponseSchema = z.object({
  items: z.array(z.object({ order: z.number().int().positive(), text: z.string() })),
});
export type ObligationsResponse = z.infer<typeof obligationsResponseSchema>;
