import { z } from 'zod';
import { DB_ID_MAX, idSchema } from '../common';
import { defineErrors } from '../errors';
import {
  ARTICLE_ATTACHMENTS_MAX,
  ARTICLE_BODY_MAX,
  articleCategorySchema,
  articleVisibilitySchema,
} from './index';

/**
 * An article or a submission as its writer left it: any subset of the fields, each only bounded in
 * size (a one-letter title is fine here); the form checks it fully on saving or submitting. One
 * shape for both editors: a submission's draft simply leaves out what only staff set.
 */
export const articleDraftSchema = z.strictObject({
  category: articleCategorySchema.optional(),
  title: z.string().max(200).optional(),
  summary: z.string().max(1000).optional(),
  body: z.string().max(ARTICLE_BODY_MAX).optional(),
  visibility: articleVisibilitySchema.optional(),
  coverFileId: idSchema.optional(),
  attachments: z
    .array(
      z.strictObject({
        fileId: idSchema,
        name: z.string().max(255),
        size: z.number().int().nonnegative().max(DB_ID_MAX),
      }),
    )
    .max(ARTICLE_ATTACHMENTS_MAX)
    .optional(),
  unit: z.strictObject({ id: idSchema, name: z.string().max(200) }).optional(),
  tags: z.string().max(200).optional(),
  pinned: z.boolean().optional(),
});
export type ArticleDraft = z.infer<typeof articleDraftSchema>;

/**
 * `GET`/`PUT /api/submissions/draft` (a contact's unsent submission), `/api/articles/draft` (a
 * staff member's new article) and `/api/articles/:id/draft` (their unsaved edits of one article):
 * each the caller's own, never anyone else's.
 */
export const articleDraftResponseSchema = z.object({
  draft: articleDraftSchema.nullable(),
  updatedAt: z.iso.datetime().nullable(),
});
export type ArticleDraftResponse = z.infer<typeof articleDraftResponseSchema>;

/** What a draft's row holds, in UTF-8 bytes (a TEXT column on MySQL). */
export const ARTICLE_DRAFT_MAX_BYTES = 65_535;

export const ArticleDraftError = defineErrors({
  /** The draft, as stored, is over ARTICLE_DRAFT_MAX_BYTES: the body is far over what can be published. */
  TooLarge: {
    code: 'ARTICLE_DRAFT_TOO_LARGE',
    status: 413,
    message: '内容过长，草稿未能保存，请精简正文或将全文作为 PDF 附件上传',
  },
});
