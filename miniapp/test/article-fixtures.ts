import type { ArticleDetail, ArticleSummary } from '@itss/shared';

/** A published article as the list answers it: public, no cover, 2026-11-20 10:00 Beijing time. */
export const article = (id: number, title: string, extra: Partial<ArticleSummary> = {}): ArticleSummary => ({
  id,
  category: 'policy',
  title,
  summary: `${title}的摘要。`,
  publishedAt: '2026-11-20T02:00:00.000Z',
  locked: false,
  visibility: 'public',
  pinned: false,
  coverUrl: null,
  unitName: null,
  ...extra,
});

/** What GET /api/articles/:id answers a reader who may read it. */
export const detail = (id: number, title: string, extra: Partial<ArticleDetail> = {}): ArticleDetail => ({
  ...article(id, title),
  body: '<p>正文第一段。</p>',
  attachments: [],
  tags: [],
  readCount: 12,
  unitId: null,
  ...extra,
});

export const notFound = {
  statusCode: 404,
  data: { code: 'ARTICLE_NOT_FOUND', message: '文章不存在或已下线' },
};
