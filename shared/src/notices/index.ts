import { z } from 'zod';
import { defineAuditActions } from '../audit';
import { cursorPageQuery, decimalIdSchema, idSchema, pageOf } from '../common';
import { LEVEL_CODES } from '../domain/levels';
import { defineErrors } from '../errors';
import { levelCodeSchema } from '../membership';
import { defineNotifications } from '../notifications';

/**
 * Notices (通知): staff tell members something — a title, a short text, optionally a link — and it
 * lands in each recipient's 消息 and, where they allowed one, as a WeChat subscribe message. The
 * request only records the notice; a job expands its audience and delivers it in batches.
 */

export const NOTICE_TITLE_MAX = 40;
export const NOTICE_TEXT_MAX = 200;
/** Units one notice may name: beyond this staff pick levels or everyone. */
export const NOTICE_UNITS_MAX = 200;

const trimmedText = (what: string, max: number) =>
  z.string(`请填写${what}`).trim().min(1, `请填写${what}`).max(max, `${what}最多 ${max} 个字`);

/**
 * Where a notice leads. Only articles now; an event or a bill is one more member of the union
 * (`{ kind: 'event', id }`), so clients already switch on `kind`.
 */
export const NOTICE_LINK_KINDS = ['article'] as const;
export type NoticeLinkKind = (typeof NOTICE_LINK_KINDS)[number];
export const noticeLinkSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('article'), id: idSchema }),
]);
export type NoticeLink = z.infer<typeof noticeLinkSchema>;

/**
 * Who receives it: every contact of the active units, those of units at some levels (active ones),
 * or those of chosen units (any not removed: staff named them).
 */
export const noticeAudienceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({
    kind: z.literal('levels'),
    levels: z
      .array(levelCodeSchema, '请选择会员级别')
      .min(1, '请至少选择一个会员级别')
      .max(LEVEL_CODES.length)
      .refine((levels) => new Set(levels).size === levels.length, '会员级别不能重复'),
  }),
  z.strictObject({
    kind: z.literal('units'),
    unitIds: z
      .array(idSchema, '请选择单位')
      .min(1, '请至少选择一家单位')
      .max(NOTICE_UNITS_MAX, `一次最多选择 ${NOTICE_UNITS_MAX} 家单位`)
      .refine((ids) => new Set(ids).size === ids.length, '单位不能重复'),
  }),
]);
export type NoticeAudience = z.infer<typeof noticeAudienceSchema>;
export type NoticeAudienceKind = NoticeAudience['kind'];
export const NOTICE_AUDIENCE_NAMES: Record<NoticeAudienceKind, string> = {
  all: '全体会员单位',
  levels: '按会员级别',
  units: '指定单位',
};

/** POST /api/notices */
export const createNoticeRequestSchema = z.strictObject({
  title: trimmedText('标题', NOTICE_TITLE_MAX),
  text: trimmedText('正文', NOTICE_TEXT_MAX),
  link: noticeLinkSchema.nullable().optional(),
  audience: noticeAudienceSchema,
});
export type CreateNoticeRequest = z.input<typeof createNoticeRequestSchema>;

/** queued: recorded, not yet picked up; sending: some recipients told; sent: all told. */
export const NOTICE_STATES = ['queued', 'sending', 'sent'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];
export const NOTICE_STATE_NAMES: Record<NoticeState, string> = {
  queued: '排队中',
  sending: '发送中',
  sent: '已发送',
};

/** A notice as staff see it, with how far it got. */
export const noticeSchema = z.object({
  id: z.number().int().positive(),
  title: z.string(),
  text: z.string(),
  /** The link, with the linked record's title when it still exists. */
  link: z
    .object({
      kind: z.enum(NOTICE_LINK_KINDS),
      id: z.number().int().positive(),
      title: z.string().nullable(),
    })
    .nullable(),
  audience: noticeAudienceSchema,
  state: z.enum(NOTICE_STATES),
  /** People it was written to in 消息 so far. */
  recipients: z.number().int().nonnegative(),
  /** Of them, those WeChat accepted a subscribe message for. */
  wechatSent: z.number().int().nonnegative(),
  /** Of them, those who have read it in 消息. */
  read: z.number().int().nonnegative(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});
export type Notice = z.infer<typeof noticeSchema>;

/** GET /api/notices: newest first, keyset paging on the id. */
export const noticeListQuerySchema = z.strictObject(cursorPageQuery());
export const noticeListResponseSchema = pageOf(noticeSchema);
export type NoticeListResponse = z.infer<typeof noticeListResponseSchema>;
export const noticeIdParamSchema = z.strictObject({ id: decimalIdSchema });

export const NoticeError = defineErrors({
  NotFound: { code: 'NOTICE_NOT_FOUND', status: 404, message: '通知不存在' },
  /** Chosen units that do not exist or were removed. */
  UnitsUnknown: {
    code: 'NOTICE_UNITS_UNKNOWN',
    status: 400,
    message: '所选单位不存在或已移除，请重新选择',
  },
  /** A link to an article that does not exist or is not published. */
  ArticleUnknown: {
    code: 'NOTICE_ARTICLE_UNKNOWN',
    status: 400,
    message: '所选文章不存在或未发布，请重新选择',
  },
});

export const NOTICE_AUDIT_ACTIONS = defineAuditActions({
  'notice.sent': '发送通知',
});

export const NoticeNotifications = defineNotifications({
  notice: {
    name: '分会通知',
    template: '公告通知',
    fields: {
      title: { key: 'thing1', label: '公告标题' },
      summary: { key: 'thing2', label: '公告内容' },
      at: { key: 'time3', label: '发布时间' },
    },
  },
});

declare module '../notifications' {
  interface DeclaredNotifications {
    notice: (typeof NoticeNotifications)['notice'];
  }
}
