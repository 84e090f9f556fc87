import { z } from 'zod';
import { cursorPageQuery, decimalIdSchema, pageOf } from '../common';
import { ErrorCode, defineErrorMessages } from '../errors';

/**
 * What WeChat keeps of a template field, by the kind its key starts with: a `thing` holds 20
 * characters, a `phrase` 5 (the stand-in refuses more with 47003, as WeChat does); a `time` is a
 * Beijing date and time the server writes.
 */
export const TEMPLATE_FIELD_LENGTHS = { thing: 20, phrase: 5 } as const;

/** A field of a subscribe-message template, e.g. `{ key: 'thing1', label: '单位名称' }`. */
export interface TemplateField {
  /** The key in the template chosen in the WeChat console: its kind, then its position. */
  readonly key: `thing${number}` | `phrase${number}` | `time${number}`;
  /** The field's name in the console's template. */
  readonly label: string;
  /** Written when the value is empty: WeChat refuses an empty field. */
  readonly whenEmpty?: string;
}

/**
 * Why a person is told something. Each purpose has one WeChat subscribe-message template, picked in
 * the console (`template`, with these `fields`) and configured on the server as
 * `WECHAT_TEMPLATE_<PURPOSE>`; an unconfigured purpose is delivered in the app only.
 */
export interface NotificationDeclaration {
  /** What the person learns, in Chinese, e.g. 入会申请审核结果. */
  readonly name: string;
  /** The title of the template to pick in the WeChat console, e.g. 审核结果通知. */
  readonly template: string;
  /** The values a feature passes, by name, each written into one template field. */
  readonly fields: Readonly<Record<string, TemplateField>>;
}

/**
 * Every feature's purposes, by name, filled by the features themselves through declaration merging
 * (`declare module '../notifications' { interface DeclaredNotifications { … } }` beside their
 * `defineNotifications`), so the purposes and their fields are typed with no central list.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by each feature's declaration merging
export interface DeclaredNotifications {}
export type NotificationPurpose = Extract<keyof DeclaredNotifications, string>;

/** The values a purpose's notification carries: text for `thing` and `phrase` fields, an instant for `time`. */
export type NotificationFields<P extends NotificationPurpose> = FieldValues<DeclaredNotifications[P]>;
type FieldValues<D> = D extends { fields: infer F }
  ? { [K in keyof F]: F[K] extends { key: `time${string}` } ? Date : string }
  : never;

const declarations = new Map<string, NotificationDeclaration>();

/**
 * Each feature declares the purposes it notifies for in its own folder of this package, with
 * their template fields; the server finds them here (`notificationPurposes`) and reads each one's
 * template id from `WECHAT_TEMPLATE_<PURPOSE>`. A purpose declared twice differently throws at load.
 */
export function defineNotifications<const T extends Record<string, NotificationDeclaration>>(specs: T): T {
  for (const [purpose, declaration] of Object.entries(specs)) {
    if (!/^[a-z][a-z0-9_]*$/.test(purpose)) {
      throw new Error(
        `Notification purpose ${purpose} must be snake_case: it names WECHAT_TEMPLATE_${purpose}`,
      );
    }
    const known = declarations.get(purpose);
    if (known && JSON.stringify(known) !== JSON.stringify(declaration)) {
      throw new Error(`Notification purpose ${purpose} is declared twice with different templates`);
    }
    declarations.set(purpose, declaration);
  }
  return specs;
}

/** The declared purposes, in the order their features were loaded. */
export function notificationPurposes(): NotificationPurpose[] {
  return [...declarations.keys()] as NotificationPurpose[];
}

export function notificationDeclaration(purpose: NotificationPurpose): NotificationDeclaration {
  const declaration = declarations.get(purpose);
  if (!declaration) throw new Error(`Notification purpose ${purpose} is not declared`);
  return declaration;
}

/** The server's configuration key of a purpose's template id, by convention. */
export function templateEnvKey(purpose: string): string {
  return `WECHAT_TEMPLATE_${purpose.toUpperCase()}`;
}

export const notificationPurposeSchema = z.custom<NotificationPurpose>(
  (value) => typeof value === 'string' && declarations.has(value),
  '未知的消息类型',
);

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

export const NotificationErrorMessage = defineErrorMessages({
  MessageNotFound: { code: ErrorCode.NotFound, message: '消息不存在' },
});
