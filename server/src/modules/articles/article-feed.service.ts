import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ArticleError,
  type ArticleDetail,
  type ArticleListResponse,
  articleListQuerySchema,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import { decodeCursor, keysetPage } from '../../common/keyset';
import { type RequestContext, isStaff } from '../../common/request-context';
import { DEFAULT_RESPONSE_TTL_MS } from '../../state/cached-response';
import { ResponseCache } from '../../state/response-cache';
import { ArticleEntity } from './article.entity';
import { type Keyset, isKeyset, newestFirst } from './article-keyset';
import { ArticlePresenter, type PublicDetail, type SummaryRow } from './article-presenter';
import { ARTICLES_CACHE_PREFIX, ArticleReaders } from './article-readers';
import { ArticleSearch } from './article-search';
import { ArticleStaffService } from './article-staff.service';
import { type ArticleAccess, ArticlesPolicy } from './articles.policy';

export type ArticleListQueryParsed = z.output<typeof articleListQuerySchema>;

/**
 * What readers read: the feed of published articles (newest first, by category, pinned, searched)
 * and one article, from the response cache, with the body locked for those it is not for.
 */
@Injectable()
export class ArticleFeedService {
  constructor(
    @InjectRepository(ArticleEntity) private readonly articles: Repository<ArticleEntity>,
    private readonly policy: ArticlesPolicy,
    private readonly readers: ArticleReaders,
    private readonly presenter: ArticlePresenter,
    private readonly search: ArticleSearch,
    private readonly cache: ResponseCache,
    private readonly staffSide: ArticleStaffService,
  ) {}

  /**
   * Published articles, newest first, a keyset page: one index range read from the cursor on, no
   * count. Without a keyword the page comes from the response cache; `locked` is the caller's.
   */
  async list(ctx: RequestContext, query: ArticleListQueryParsed): Promise<ArticleListResponse> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isKeyset);
    const page =
      query.q === undefined
        ? await this.cache.getOrLoad(
            `${ARTICLES_CACHE_PREFIX}list:${query.category ?? ''}:${query.pinned ?? ''}:${query.limit}:${query.cursor ?? ''}`,
            DEFAULT_RESPONSE_TTL_MS,
            () => this.loadPage(query, after),
          )
        : await this.searchPage(query.q, query, after);
    const standing = page.items.some((item) => item.visibility !== 'public')
      ? await this.readers.standingOf(ctx)
      : 'public';
    return {
      items: page.items.map((item) => ({
        ...item,
        locked: !this.policy.can(ctx, 'readBody', {
          standing,
          article: { published: true, visibility: item.visibility },
        }),
      })),
      nextCursor: page.nextCursor,
    };
  }

  private async loadPage(
    query: ArticleListQueryParsed,
    after: Keyset | undefined,
  ): Promise<{ items: SummaryRow[]; nextCursor: string | null }> {
    const qb = this.articles.createQueryBuilder('a').where("a.state = 'published'");
    if (query.category) qb.andWhere('a.category = :category', { category: query.category });
    if (query.pinned) qb.andWhere('a.pinned = :pinned', { pinned: true });
    return this.pageOf(await newestFirst(qb, 'publishedAt', after, query.limit), query.limit);
  }

  private async searchPage(
    q: string,
    query: ArticleListQueryParsed,
    after: Keyset | undefined,
  ): Promise<{ items: SummaryRow[]; nextCursor: string | null }> {
    const ids = await this.search.find(q, {
      category: query.category,
      after: after && { publishedAt: new Date(after.t), id: after.i },
      limit: query.limit + 1,
    });
    const byId = new Map(
      (ids.length ? await this.articles.findBy({ id: In(ids), state: 'published' }) : []).map((row) => [
        row.id,
        row,
      ]),
    );
    return this.pageOf(
      ids.flatMap((id) => byId.get(id) ?? []),
      query.limit,
    );
  }

  private async pageOf(
    rows: ArticleEntity[],
    limit: number,
  ): Promise<{ items: SummaryRow[]; nextCursor: string | null }> {
    // Every published article has its publishedAt: the fallback only satisfies the type.
    const { page, nextCursor } = keysetPage(rows, limit, (last): Keyset => ({
      t: (last.publishedAt ?? last.createdAt).getTime(),
      i: last.id,
    }));
    return { items: await this.presenter.summaries(page), nextCursor };
  }

  /**
   * What the caller may see of one article: staff every state with what they edit; others a
   * published article (from the cache), without body and attachments when it is not for them.
   */
  async detail(ctx: RequestContext, id: number): Promise<ArticleDetail> {
    if (isStaff(ctx)) return this.staffSide.detail(ctx, id);
    // A load that throws stores nothing: unknown and unpublished ids are not cached.
    const detail = await this.cache.getOrLoad(
      `${ARTICLES_CACHE_PREFIX}detail:${id}`,
      DEFAULT_RESPONSE_TTL_MS,
      () => this.loadPublicDetail(id),
    );
    const standing = detail.visibility === 'public' ? 'public' : await this.readers.standingOf(ctx);
    const access: ArticleAccess = { standing, article: { published: true, visibility: detail.visibility } };
    if (this.policy.can(ctx, 'readBody', access)) return { ...detail, locked: false };
    const { body: _body, attachments: _attachments, ...teaser } = detail;
    return { ...teaser, locked: true };
  }

  private async loadPublicDetail(id: number): Promise<PublicDetail> {
    const row = await this.articles.findOneBy({ id, state: 'published' });
    if (!row) throw new AppError(ArticleError.NotFound);
    return this.presenter.fullDetail(row);
  }

  /** One more read of a published article: a single guarded UPDATE, no read first. */
  async countRead(id: number): Promise<void> {
    const { affected } = await this.articles.increment({ id, state: 'published' }, 'readCount', 1);
    if (!affected) throw new AppError(ArticleError.NotFound);
  }
}
