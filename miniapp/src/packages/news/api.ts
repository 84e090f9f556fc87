import {
  FileError,
  UPLOAD_MAX_BYTES,
  articleDetailSchema,
  articleDraftResponseSchema,
  articleListResponseSchema,
  articleManageListResponseSchema,
  articleUploadResponseSchema,
  type ArticleCategory,
  type ArticleDetail,
  type ArticleDraft,
  type ArticleDraftResponse,
  type ArticleListResponse,
  type ArticleManageListResponse,
  type ArticleState,
  type ArticleUploadResponse,
  type CreateArticleRequest,
  type UpdateArticleRequest,
} from '@itss/shared';
import { apiErrorOf, request } from '@/services/http';
import { uploadMultipart, type PickedFile } from '@/services/upload';
import { session } from '@/services/session';

export interface ArticleFilters {
  category?: ArticleCategory;
  q?: string;
  /** The articles that carry this tag. */
  tag?: string;
  pinned?: boolean;
  limit?: number;
}

/**
 * One page of published articles, newest first; `cursor` continues where the last page ended.
 * Which are `locked` depends on who asks, so the launch's login is waited for: a cold start
 * would otherwise ask as nobody.
 */
export async function getArticles(
  filters: ArticleFilters,
  cursor: string | null = null,
): Promise<ArticleListResponse> {
  await session.settled();
  return request({
    path: '/api/articles',
    query: {
      category: filters.category,
      q: filters.q,
      tag: filters.tag,
      pinned: filters.pinned ? 'true' : undefined,
      limit: filters.limit,
      cursor,
    },
    schema: articleListResponseSchema,
  });
}

/**
 * What the caller may see of one article: a locked one comes without body and attachments; staff
 * get the `staff` fields (state, file ids, history) with it. The reader's page asks only once the
 * launch's login has settled, since which parts are locked depends on who asks.
 */
export function getArticle(id: number): Promise<ArticleDetail> {
  return request({ path: `/api/articles/${id}`, schema: articleDetailSchema });
}

/** Counts one opening of the article; the count is a courtesy, so a failure is not the reader's concern. */
export async function countRead(id: number): Promise<void> {
  try {
    await request<void>({ path: `/api/articles/${id}/reads`, method: 'POST' });
  } catch {
    // Nothing to show: the article is on screen either way.
  }
}

// Staff: the articles list, the editor and its uploads.

export const ARTICLE_PAGE_SIZE = 20;

/** The staff list's filters; absent means "any". */
export interface ArticleManageFilters {
  state?: ArticleState;
  category?: ArticleCategory;
  q?: string;
}

export function getManagedArticles(
  filters: ArticleManageFilters,
  cursor: string | null,
): Promise<ArticleManageListResponse> {
  return request({
    path: '/api/articles/manage',
    query: { ...filters, limit: ARTICLE_PAGE_SIZE, cursor },
    schema: articleManageListResponseSchema,
  });
}

// Only the new id is relied on: the editor reads the article again after every change.
const createdSchema = articleDetailSchema.pick({ id: true });

export function createArticle(body: CreateArticleRequest): Promise<{ id: number }> {
  return request({ path: '/api/articles', method: 'POST', data: body, schema: createdSchema });
}

export function updateArticle(id: number, body: UpdateArticleRequest): Promise<void> {
  return request({ path: `/api/articles/${id}`, method: 'PATCH', data: body });
}

export type ArticleAction = 'publish' | 'unpublish' | 'archive';

export function changeArticleState(id: number, action: ArticleAction): Promise<void> {
  return request({ path: `/api/articles/${id}/${action}`, method: 'POST' });
}

/** A body image or a cover: staff, and contacts for their submissions. */
/** Refused on the phone when over the file store's limit: a large photo is not sent in vain. */
export function uploadArticleImage(file: PickedFile): Promise<ArticleUploadResponse> {
  if (file.size > UPLOAD_MAX_BYTES) return Promise.reject(apiErrorOf(FileError.FileTooLarge));
  return uploadMultipart({
    path: '/api/articles/images',
    method: 'POST',
    file,
    schema: articleUploadResponseSchema,
  });
}

export function uploadArticleAttachment(file: PickedFile): Promise<ArticleUploadResponse> {
  return uploadMultipart({
    path: '/api/articles/attachments',
    method: 'POST',
    file,
    schema: articleUploadResponseSchema,
  });
}

/** The caller's own unsaved article: a new one (no id) or their edits of article `id`. */
const draftPath = (id: number | null) => (id === null ? '/api/articles/draft' : `/api/articles/${id}/draft`);

export function getArticleDraft(id: number | null): Promise<ArticleDraftResponse> {
  return request({ path: draftPath(id), schema: articleDraftResponseSchema });
}

export function saveArticleDraft(id: number | null, draft: ArticleDraft): Promise<ArticleDraftResponse> {
  return request({ path: draftPath(id), method: 'PUT', data: draft, schema: articleDraftResponseSchema });
}
