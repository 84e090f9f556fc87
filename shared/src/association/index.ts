import { z } from 'zod';
import { ErrorCode, defineErrorMessages } from '../errors';

export const businessAreaSchema = z.object({
  title: z.string(),
  items: z.array(z.string()),
});

export const leaderSchema = z.object({
  title: z.string(),
  name: z.string(),
});

export const contactSchema = z.object({
  department: z.string(),
  phones: z.array(z.string()).min(1),
  email: z.string(),
  wechatAccount: z.string(),
  qqGroup: z.string(),
  wechatGroupNote: z.string(),
  website: z.string(),
});

export const associationResponseSchema = z.object({
  name: z.string(),
  shortName: z.string(),
  introduction: z.array(z.string()).min(1),
  businessScope: z.array(businessAreaSchema).min(1),
  leadership: z.array(leaderSchema).min(1),
  membership: z.object({
    composition: z.string(),
    contactRule: z.string(),
    upgradeRule: z.string(),
    removalRule: z.string(),
    memberListNote: z.string(),
  }),
  contact: contactSchema,
});
export type AssociationResponse = z.infer<typeof associationResponseSchema>;
export type Contact = z.infer<typeof contactSchema>;

export const serviceItemSchema = z.object({
  order: z.number().int().positive(),
  text: z.string(),
});
export const servicesResponseSchema = z.object({ items: z.array(serviceItemSchema) });
export type ServicesResponse = z.infer<typeof servicesResponseSchema>;

export const AssociationErrorMessage = defineErrorMessages({
  /** The introduction is seeded at start-up; until then there is nothing to show. */
  IntroNotPublished: { code: ErrorCode.NotFound, message: '分会介绍尚未发布，请稍后再试' },
});
