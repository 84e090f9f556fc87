import { z } from 'zod';
import { reviewResultNotification } from '../notifications/templates';
import { defineAuditActions } from '../audit';
import { defineNotifications } from '../notifications';
import { cursorPageQuery, decimalIdSchema, idSchema, pageOf } from '../common';
import { ErrorCode, defineErrorMessages, defineErrors } from '../errors';
import { defineStateMachine } from '../state-machine';

/** A contact's page of one submission (`?id=`), which the message about a review opens. */
export const SUBMISSION_PAGE = 'packages/submit/pages/detail/index';
/** A reader's page of one article (`?id=`): share cards and notices link it. */
export const ARTICLE_PAGE = 'packages/news/pages/article/index';

/**
 * What the branch publishes: the handbook's information services (policy, standards, industry
 * trends, 月报, 会刊) and the members' own promotion (会员风采, 优秀案例).
 */
export const ARTICLE_CATEGORIES = [
  'notice',
  'policy',
  'standard',
  'industry',
  'monthly_report',
  'journal',
  'member_showcase',
  'case_study',
] as const;
export type ArticleCategory = (typeof ARTICLE_CATEGORIES)[number];
export const articleCategorySchema = z.enum(ARTICLE_CATEGORIES, '请选择栏目');
export const ARTICLE_CATEGORY_NAMES: Record<ArticleCategory, string> = {
  notice: '通知公告',
  policy: '政策法规',
  standard: '标准动态',
  industry: '产业动态',
  monthly_report: '月报',
  journal: '会刊',
  member_showcase: '会员风采',
  case_study: '优秀案例',
};
/** Categories about one member unit: an article of these names its unit, and members submit them. */
export const UNIT_ARTICLE_CATEGORIES = ['member_showcase', 'case_study'] as const;
export type UnitArticleCategory = (typeof UNIT_ARTICLE_CATEGORIES)[number];
export const isUnitArticleCategory = (category: ArticleCategory): category is UnitArticleCategory =>
  (UNIT_ARTICLE_CATEGORIES as readonly string[]).includes(category);

/**
 * Who may read the body: everyone; contacts of active member units; or contacts of active units at
 * 委员 level and above (committee). Staff read everything. Others see a locked teaser.
 */
export const ARTICLE_VISIBILITIES = ['public', 'members', 'committee'] as const;
export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number];
export const articleVisibilitySchema = z.enum(ARTICLE_VISIBILITIES, '请选择可见范围');
export const ARTICLE_VISIBILITY_NAMES: Record<ArticleVisibility, string> = {
  public: '公开',
  members: '会员可见',
  committee: '委员及以上可见',
};

/**
 * draft → published ⇄ unpublished → archived for staff articles; a member submission starts
 * in_review and is approved (published) or rejected. Every change is kept with who and when.
 */
export const ARTICLE_STATES = [
  'draft',
  'in_review',
  'published',
  'unpublished',
  'archived',
  'rejected',
] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];
export const articleStateSchema = z.enum(ARTICLE_STATES);
export const ARTICLE_STATE_NAMES: Record<ArticleState, string> = {
  draft: '草稿',
  in_review: '待审核',
  published: '已发布',
  unpublished: '已下线',
  archived: '已归档',
  rejected: '未通过',
};
/** Staff publish, unpublish and archive; a member's submission leaves review published or rejected. */
export const ARTICLE_STATE_MACHINE = defineStateMachine<ArticleState>({
  draft: ['published', 'archived'],
  in_review: ['published', 'rejected'],
  published: ['unpublished', 'archived'],
  unpublished: ['published', 'archived'],
  archived: [],
  rejected: [],
});

export const ARTICLE_TITLE_MAX = 80;
export const ARTICLE_SUMMARY_MAX = 200;
/**
 * The body as sent, in characters. Stored sanitized in a TEXT column (65,535 bytes on MySQL), so
 * the server also refuses a sanitized body over ARTICLE_BODY_MAX_BYTES: about 20,000 Chinese
 * characters. Longer texts (月报, 会刊) are PDF attachments.
 */
export const ARTICLE_BODY_MAX = 60_000;
export const ARTICLE_BODY_MAX_BYTES = 60_000;
export const ARTICLE_TAGS_MAX = 5;
export const ARTICLE_ATTACHMENTS_MAX = 10;
/** PDF attachments of articles; images keep the file store's 5 MB. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/** Where an article's files are read, with the article's own access rule. */
export const articleFileUrl = (fileId: number): string => `/api/articles/files/${fileId}`;
/** The same, as a pattern: the only image source the sanitizer keeps in a body. */
export const ARTICLE_FILE_URL_PATTERN = /^\/api\/articles\/files\/([1-9][0-9]{0,15})$/;

export const ArticleError = defineErrors({
  /** Unknown, or not visible to the caller (a draft to a non-staff caller): never says which. */
  NotFound: { code: 'ARTICLE_NOT_FOUND', status: 404, message: '文章不存在或已下线' },
  /** The sanitized body is over ARTICLE_BODY_MAX_BYTES in UTF-8. */
  BodyTooLong: {
    code: 'ARTICLE_BODY_TOO_LONG',
    status: 400,
    message: '正文过长（约 2 万字以内），请精简，或将全文作为 PDF 附件上传',
  },
  /** A state change not allowed from the current state (publish an archived article). */
  WrongState: {
    code: 'ARTICLE_WRONG_STATE',
    status: 409,
    message: '文章当前状态不能进行此操作，请刷新后重试',
  },
  /** 会员风采 and 优秀案例 are about a unit: it must be named, and be a member unit. */
  UnitRequired: {
    code: 'ARTICLE_UNIT_REQUIRED',
    status: 400,
    message: '会员风采和优秀案例须选择所属会员单位',
  },
  UnitUnknown: { code: 'ARTICLE_UNIT_UNKNOWN', status: 400, message: '所选会员单位不存在，请重新选择' },
  /** A cover, body image or attachment id that is not the caller's upload of the right kind. */
  FileUnusable: {
    code: 'ARTICLE_FILE_UNUSABLE',
    status: 400,
    message: '图片或附件无效或已被其他文章使用，请重新上传',
  },
  /** An attachment over 20 MB. */
  AttachmentTooLarge: {
    code: 'ARTICLE_ATTACHMENT_TOO_LARGE',
    status: 413,
    message: '附件不能超过 20 MB，请压缩或拆分后重新上传',
  },
  /** An attachment whose bytes are not a PDF. */
  AttachmentNotPdf: { code: 'ARTICLE_ATTACHMENT_NOT_PDF', status: 415, message: '附件仅支持 PDF 文件' },
  /** An image whose bytes are not a JPG or PNG, or that cannot be decoded. */
  ImageInvalid: {
    code: 'ARTICLE_IMAGE_INVALID',
    status: 415,
    message: '图片无法识别，仅支持 JPG、PNG 图片',
  },
  /** WeChat's content check found the text risky (msg_sec_check 'risky'). */
  ContentRisky: {
    code: 'ARTICLE_CONTENT_RISKY',
    status: 422,
    message: '提交的内容未通过微信内容安全检测，请修改后重新提交',
  },
});

export const ARTICLE_AUDIT_ACTIONS = defineAuditActions({
  'article.created': '新建文章',
  'article.updated': '修改文章',
  'article.published': '发布文章',
  'article.unpublished': '下线文章',
  'article.archived': '归档文章',
  'submission.approved': '通过会员投稿',
  'submission.rejected': '退回会员投稿',
});

const title = z
  .string('请填写标题')
  .trim()
  .min(2, '标题至少 2 个字')
  .max(ARTICLE_TITLE_MAX, `标题最多 ${ARTICLE_TITLE_MAX} 个字`);
const summary = z
  .string('请填写摘要')
  .trim()
  .max(ARTICLE_SUMMARY_MAX, `摘要最多 ${ARTICLE_SUMMARY_MAX} 个字`);
/** Rich text as HTML; the server sanitizes it on save with an allowlist, whatever the client sent. */
const body = z.string('请填写正文').min(1, '请填写正文').max(ARTICLE_BODY_MAX, '正文过长，请拆分为多篇文章');
const fileId = z.number('文件编号无效').pipe(idSchema);
const tags = z
  .array(z.string().trim().min(1, '标签不能为空').max(12, '每个标签最多 12 个字'))
  .max(ARTICLE_TAGS_MAX, `最多 ${ARTICLE_TAGS_MAX} 个标签`);

const articleFields = {
  category: articleCategorySchema,
  title,
  summary,
  body,
  visibility: articleVisibilitySchema,
  coverFileId: fileId.nullable().optional(),
  attachmentFileIds: z
    .array(fileId)
    .max(ARTICLE_ATTACHMENTS_MAX, `最多 ${ARTICLE_ATTACHMENTS_MAX} 个附件`)
    .optional(),
  tags: tags.optional(),
  unitId: z.number('请选择会员单位').pipe(idSchema).nullable().optional(),
  pinned: z.boolean().optional(),
};

/** `POST /api/articles` (staff): a draft. 会员风采 and 优秀案例 name their unit. */
export const createArticleRequestSchema = z
  .strictObject(articleFields)
  .refine((a) => !isUnitArticleCategory(a.category) || a.unitId != null, {
    path: ['unitId'],
    message: '会员风采和优秀案例须选择所属会员单位',
  });
export type CreateArticleRequest = z.infer<typeof createArticleRequestSchema>;

/** `PATCH /api/articles/:id` (staff): any fields; the unit rule is checked on the result. */
export const updateArticleRequestSchema = z
  .strictObject({
    category: articleFields.category.optional(),
    title: title.optional(),
    summary: summary.optional(),
    body: body.optional(),
    visibility: articleFields.visibility.optional(),
    coverFileId: articleFields.coverFileId,
    attachmentFileIds: articleFields.attachmentFileIds,
    tags: articleFields.tags,
    unitId: articleFields.unitId,
    pinned: articleFields.pinned,
  })
  .refine((a) => Object.keys(a).length > 0, '没有要修改的内容');
export type UpdateArticleRequest = z.infer<typeof updateArticleRequestSchema>;

const searchText = z.string().trim().min(1, '请输入关键词').max(40, '关键词最多 40 个字');

/**
 * `GET /api/articles`: published articles, pinned first when `pinned=true` is asked alone, else
 * newest first; keyset paging on (publishedAt, id) — an opaque cursor, stable while staff publish.
 * `q` searches title, summary, body text and tags through the full-text index; `tag` lists the
 * articles that carry that tag.
 */
export const articleListQuerySchema = z
  .strictObject({
    category: articleCategorySchema.optional(),
    q: searchText.optional(),
    /** The articles that carry this tag (tapped on an article). */
    tag: z.string().trim().min(1, '请选择标签').max(12, '每个标签最多 12 个字').optional(),
    pinned: z.enum(['true']).optional(),
    ...cursorPageQuery(),
  })
  .refine((query) => query.q === undefined || query.pinned === undefined, {
    path: ['pinned'],
    message: '搜索时不能只看置顶文章',
  })
  .refine((query) => query.tag === undefined || (query.q === undefined && query.pinned === undefined), {
    path: ['tag'],
    message: '按标签查看时不能同时搜索或只看置顶',
  });
export type ArticleListQuery = z.input<typeof articleListQuerySchema>;

const fileUrl = z.string();

export const articleSummarySchema = z.object({
  id: z.number().int().positive(),
  category: articleCategorySchema,
  title: z.string(),
  summary: z.string(),
  publishedAt: z.iso.datetime(),
  /** The caller may not read the body: the list and the detail show a teaser. */
  locked: z.boolean(),
  visibility: articleVisibilitySchema,
  pinned: z.boolean(),
  coverUrl: fileUrl.nullable(),
  /** The member unit a 会员风采 or 优秀案例 is about. */
  unitName: z.string().nullable(),
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;
export const articleListResponseSchema = pageOf(articleSummarySchema);
export type ArticleListResponse = z.infer<typeof articleListResponseSchema>;

export const articleAttachmentSchema = z.object({
  fileId: z.number().int().positive(),
  name: z.string(),
  size: z.number().int().positive(),
  url: fileUrl,
});
export type ArticleAttachment = z.infer<typeof articleAttachmentSchema>;

/**
 * `GET /api/articles/:id`: what the caller may see. `body` and `attachments` are absent when
 * `locked`. Staff also get the fields they edit (`staff`).
 */
export const articleDetailSchema = articleSummarySchema.extend({
  /** Null while a draft has never been published (staff only see those). */
  publishedAt: z.iso.datetime().nullable(),
  body: z.string().optional(),
  attachments: z.array(articleAttachmentSchema).optional(),
  tags: z.array(z.string()),
  readCount: z.number().int().nonnegative(),
  unitId: z.number().int().positive().nullable(),
  staff: z
    .object({
      state: articleStateSchema,
      coverFileId: z.number().int().positive().nullable(),
      attachmentFileIds: z.array(z.number().int().positive()),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      history: z.array(
        z.object({
          state: articleStateSchema,
          byName: z.string().nullable(),
          at: z.iso.datetime(),
          reason: z.string().nullable(),
        }),
      ),
    })
    .optional(),
});
export type ArticleDetail = z.infer<typeof articleDetailSchema>;

/** `GET /api/articles/manage` (staff): every state, newest change first, keyset paging. */
export const articleManageQuerySchema = z.strictObject({
  state: articleStateSchema.optional(),
  category: articleCategorySchema.optional(),
  q: z.string().trim().max(40, '关键词最多 40 个字').optional(),
  ...cursorPageQuery(),
});
export type ArticleManageQuery = z.input<typeof articleManageQuerySchema>;
export const articleManageItemSchema = z.object({
  id: z.number().int().positive(),
  category: articleCategorySchema,
  title: z.string(),
  state: articleStateSchema,
  visibility: articleVisibilitySchema,
  pinned: z.boolean(),
  updatedAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable(),
  readCount: z.number().int().nonnegative(),
});
export type ArticleManageItem = z.infer<typeof articleManageItemSchema>;
export const articleManageListResponseSchema = pageOf(articleManageItemSchema);
export type ArticleManageListResponse = z.infer<typeof articleManageListResponseSchema>;

export const articleIdParamSchema = z.strictObject({ id: decimalIdSchema });
export const articleFileParamSchema = z.strictObject({ fileId: decimalIdSchema });
/**
 * `check`: the one-off token in the address given to WeChat's media check, which fetches an image
 * of a submission still in review without a session.
 */
export const articleFileQuerySchema = z.strictObject({
  check: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32}$/)
    .optional(),
});

/**
 * `POST /api/articles/images` (staff, and contacts for their submissions) and
 * `POST /api/articles/attachments` (staff), multipart field `file`: re-encoded image / PDF ≤ 20 MB.
 * The id goes into an article's `coverFileId`, `attachmentFileIds`, or the body as `url`.
 */
export const articleUploadResponseSchema = z.object({
  fileId: z.number().int().positive(),
  name: z.string(),
  size: z.number().int().positive(),
  url: fileUrl,
});
export type ArticleUploadResponse = z.infer<typeof articleUploadResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Member submissions (会员风采 and 优秀案例 by a unit's contacts)

export const SubmissionError = defineErrors({
  /** Unknown, or not the caller's unit's: never says which. */
  NotFound: { code: 'SUBMISSION_NOT_FOUND', status: 404, message: '投稿不存在' },
  /** Only contacts of an active member unit submit, for their own unit. */
  NotAContact: {
    code: 'SUBMISSION_NOT_A_CONTACT',
    status: 403,
    message: '仅会员单位的联系人可以投稿，请先加入所在单位',
  },
  /** A decision on a submission that is no longer in review. */
  AlreadyDecided: {
    code: 'SUBMISSION_ALREADY_DECIDED',
    status: 409,
    message: '该投稿已处理，请刷新后查看',
  },
});

/** A person's submissions come faster than a unit has news: a script filling the review queue. */
export const SubmissionErrorMessage = defineErrorMessages({
  SubmissionsTooMany: { code: ErrorCode.RateLimited, message: '投稿过于频繁，请一小时后再试' },
  SubmissionsSpentToday: { code: ErrorCode.RateLimited, message: '今天的投稿次数已达上限，请明天再试' },
});

export const submissionCategorySchema = z.enum(UNIT_ARTICLE_CATEGORIES, '请选择投稿栏目');

/** `POST /api/submissions`: for the caller's own unit, public once approved. */
export const createSubmissionRequestSchema = z.strictObject({
  category: submissionCategorySchema,
  title,
  summary,
  body,
  coverFileId: fileId.nullable().optional(),
});
export type CreateSubmissionRequest = z.infer<typeof createSubmissionRequestSchema>;
export const createSubmissionResponseSchema = z.object({
  id: z.number().int().positive(),
  state: z.literal('in_review'),
});
export type CreateSubmissionResponse = z.infer<typeof createSubmissionResponseSchema>;

/** What WeChat's content check said: `review` flags the submission for staff. */
export const CONTENT_CHECK_RESULTS = ['pass', 'review', 'risky'] as const;
export type ContentCheckResult = (typeof CONTENT_CHECK_RESULTS)[number];

export const submissionSchema = z.object({
  id: z.number().int().positive(),
  category: submissionCategorySchema,
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  coverUrl: z.string().nullable(),
  state: articleStateSchema,
  unit: z.object({ id: z.number().int().positive(), name: z.string() }),
  submitterName: z.string(),
  submittedAt: z.iso.datetime(),
  /** WeChat's check asked for a person to look (staff see it; the submitter does not). */
  flagged: z.boolean().optional(),
  decidedAt: z.iso.datetime().nullable(),
  rejectReason: z.string().nullable(),
});
export type Submission = z.infer<typeof submissionSchema>;

/** `GET /api/submissions`: staff see every unit's (the review queue), a contact their unit's. */
export const submissionListQuerySchema = z.strictObject({
  state: articleStateSchema.optional(),
  ...cursorPageQuery(),
});
export type SubmissionListQuery = z.input<typeof submissionListQuerySchema>;
export const submissionListItemSchema = submissionSchema.omit({ body: true });
export type SubmissionListItem = z.infer<typeof submissionListItemSchema>;
export const submissionListResponseSchema = pageOf(submissionListItemSchema);
export type SubmissionListResponse = z.infer<typeof submissionListResponseSchema>;

/** `POST /api/submissions/:id/decisions` (staff): a rejection tells the submitter why. */
export const submissionDecisionRequestSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject'], '请选择通过或退回'),
    reason: z.string().trim().max(200, '退回原因最多 200 个字').optional(),
  })
  .refine((d) => d.decision === 'approve' || (d.reason ?? '').length >= 2, {
    path: ['reason'],
    message: '退回时请填写原因（至少 2 个字），投稿人会在消息中看到',
  });
export type SubmissionDecisionRequest = z.infer<typeof submissionDecisionRequestSchema>;
export const submissionIdParamSchema = z.strictObject({ id: decimalIdSchema });

/** The member learns the decision on a submission (会员风采, 优秀案例). */
export const ArticleNotifications = defineNotifications({
  submission_decision: reviewResultNotification('投稿的审核结果', 'articleTitle', '投稿标题'),
});
declare module '../notifications' {
  interface DeclaredNotifications {
    submission_decision: (typeof ArticleNotifications)['submission_decision'];
  }
}
