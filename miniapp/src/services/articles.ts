import {
  articleDetailSchema,
  articleListResponseSchema,
  type ArticleCategory,
  type ArticleDetail,
  type ArticleListResponse,
} from '@itss/shared';
import { request } from './http';
import { session } from './session';

export interface ArticleFilters {
  category?: ArticleCategory;
  q?: string;
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
  // Built by hand: WeChat's logic layer has no URLSearchParams.
  const query = Object.entries({
    category: filters.category,
    q: filters.q,
    pinned: filters.pinned ? 'true' : undefined,
    limit: filters.limit,
    cursor,
  })
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join('&');
  return request({ path: `/api/articles${query ? `?${query}` : ''}`, schema: articleListResponseSchema });
}

/** What the caller may see of one article: a locked one comes without body and attachments. */
export async function getArticle(id: number): Promise<ArticleDetail> {
  await session.settled();
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
