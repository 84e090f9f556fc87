import {
  articleDetailSchema,
  articleManageListResponseSchema,
  articleUploadResponseSchema,
  createSubmissionResponseSchema,
  submissionListResponseSchema,
  submissionSchema,
  unitListResponseSchema,
  type ArticleCategory,
  type ArticleDetail,
  type ArticleManageListResponse,
  type ArticleState,
  type ArticleUploadResponse,
  type CreateArticleRequest,
  type CreateSubmissionRequest,
  type CreateSubmissionResponse,
  type Submission,
  type SubmissionDecisionRequest,
  type SubmissionListResponse,
  type UnitListResponse,
  type UpdateArticleRequest,
} from '@itss/shared';
import { request } from './http';
import { uploadMultipart, type PickedFile } from './upload';

function query(params: Record<string, string | number | undefined | null>): string {
  const pairs = Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

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
    path: `/api/articles/manage${query({ ...filters, limit: ARTICLE_PAGE_SIZE, cursor })}`,
    schema: articleManageListResponseSchema,
  });
}

/** Staff get the `staff` fields (state, file ids, history) with it. */
export function getArticle(id: number): Promise<ArticleDetail> {
  return request({ path: `/api/articles/${id}`, schema: articleDetailSchema });
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

/** Member units for the 会员风采 / 优秀案例 picker (staff read the units list). */
export function searchUnits(q: string): Promise<UnitListResponse> {
  return request({ path: `/api/units${query({ q, limit: 10 })}`, schema: unitListResponseSchema });
}

/** A body image or a cover: staff, and contacts for their submissions. */
export function uploadArticleImage(file: PickedFile): Promise<ArticleUploadResponse> {
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

// Member submissions: the same routes serve a unit's contacts (their unit's) and staff (all).

export function createSubmission(body: CreateSubmissionRequest): Promise<CreateSubmissionResponse> {
  return request({
    path: '/api/submissions',
    method: 'POST',
    data: body,
    schema: createSubmissionResponseSchema,
  });
}

export function getSubmissions(
  state: ArticleState | undefined,
  cursor: string | null,
): Promise<SubmissionListResponse> {
  return request({
    path: `/api/submissions${query({ state, limit: ARTICLE_PAGE_SIZE, cursor })}`,
    schema: submissionListResponseSchema,
  });
}

export function getSubmission(id: number): Promise<Submission> {
  return request({ path: `/api/submissions/${id}`, schema: submissionSchema });
}

export function decideSubmission(id: number, body: SubmissionDecisionRequest): Promise<void> {
  return request({ path: `/api/submissions/${id}/decisions`, method: 'POST', data: body });
}
