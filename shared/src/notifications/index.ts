import { z } from 'zod';
import { cursorPageQuery, decimalIdSchema, pageOf } from '../common';

/**
 * Why a person is told something. Each purpose has one WeChat subscribe-message template,
 * configured on the server; an unconfigured purpose is delivered in the app only.
 */
export const NOTIFICATION_PURPOSES = [
  'application_decision',
  'join_request_decision',
  'group_code_expiring',
  'submission_decision',
] as const;
export type NotificationPurpose = (typeof NOTIFICATION_PURPOSES)[number];
export const notificationPurposeSchema = z.enum(NOTIFICATION_PURPOSES);

/** Which template ids the app asks permission for, by purpose (GET /api/notifications/templates). */
export const notificationTemplatesResponseSchema = z.object({
  items: z.array(z.object({ purpose: notificationPurposeSchema, templateId: z.string().min(1) })),
});
export type NotificationTemplatesResponse = z.infer<typeof notificationTemplatesResponseSchema>;

/**
 * What wx.requestSubscribeMessage answered, template id → choice, reported as is
 * (POST /api/notifications/subscriptions). Each 'accept' is one credit: one message WeChat will let
 * the server send to this person with that template.
 */
export const SUBSCRIBE_CHOICES = ['accept', 'reject', 'ban', 'filter'] as const;
export const recordSubscriptionsRequestSchema = z.strictObject({
  results: z.record(z.string().min(1).max(128), z.enum(SUBSCRIBE_CHOICES)),
});
export type RecordSubscriptionsRequest = z.infer<typeof recordSubscriptionsRequestSchema>;
export const subscriptionCreditsResponseSchema = z.object({
  items: z.array(z.object({ purpose: notificationPurposeSchema, credits: z.number().int().nonnegative() })),
});
export type SubscriptionCreditsResponse = z.infer<typeof subscriptionCreditsResponseSchema>;

/** A message in 我的 → 消息: every notification lands here, whether WeChat delivered it or not. */
export const messageSchema = z.object({
  id: z.number().int().positive(),
  purpose: notificationPurposeSchema,
  title: z.string(),
  body: z.string(),
  /** The mini-program page the message leads to, with its query. */
  page: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type Message = z.infer<typeof messageSchema>;

/** Newest first, keyset paging on the id. */
export const messageListQuerySchema = z.strictObject(cursorPageQuery());
export const messageListResponseSchema = pageOf(messageSchema).extend({
  unread: z.number().int().nonnegative(),
});
export type MessageListResponse = z.infer<typeof messageListResponseSchema>;
export const unreadCountResponseSchema = z.object({ unread: z.number().int().nonnegative() });
export type UnreadCountResponse = z.infer<typeof unreadCountResponseSchema>;

export const messageIdParamSchema = z.strictObject({ id: decimalIdSchema });
