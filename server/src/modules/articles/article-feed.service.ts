import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ArticleError,
  type ArticleDetail,
  type ArticleListResponse,
  articleListQuerySchema,
} from '@itss/shared';
import { type FindOptionsSelect, In, type Repository } from 'typeorm';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import { decodeCursor, keysetPage } from '../../common/keyset';
import { type RequestContext, isStaff } from '../../common/request-context';
import { DEFAULT_RESPONSE_TTL_MS } from '../../state/cached-response';
import { ResponseCache } from '../../state/response-cache';
import { SharedState } from '../../state/shared-state';
import { ArticleEntity } from './article.entity';
import { type Keyset, isKeyset, newestFirst } from './article-keyset';
import { ArticlePresenter, type PublicDetail, type SummaryRow } from './article-presenter';
import { ARTICLES_CACHE_PREFIX, ArticleReaders } from './article-readers';
import { ArticleSearch } from './article-search';
import { ArticleStaffService } from './article-staff.service';
import { queryTokens, tagToken } from './search-tokens';
import { type ArticleAccess, ArticlesPolicy } from './articles.policy';

export type ArticleListQueryParsed = z.output<typeof articleListQuerySchema>;

/** What a list item is built from: never the body, which may be tens of kilobytes. */
const SUMMARY_COLUMNS = {
  id: true,
  category: true,
  title: true,
  summary: true,
  visibility: true,
  state: true,
  pinned: true,
  coverFileId: true,
  unitId: true,
  createdAt: true,
  publishedAt: true,
} satisfies FindOptionsSelect<ArticleEntity>;
/** Counters of how often a keyword or tag is asked for, beside (not inside) the response cache. */
const SEARCH_FREQUENCY_PREFIX = 'articles-search-frequency:';
const FREQUENCY_WINDOW_MS = 60_000;
/** Asked this often within the window, a keyword's or tag's first page is cached. */
const FREQUENT_SEARCHES = 3;

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
    private readonly state: SharedState,
    private readonly staffSide: ArticleStaffService,
  ) {}

  /**
   * Published articles, newest first, a keyset page, as JSON text: one index range read from the
   * cursor on, no count, or the matches of a keyword or a tag. Pages without a keyword, and the
   * first page of a keyword or tag asked often, come from the response cache; an anonymous
   * reader's answer is cached whole (`locked` included, as it is the same for every stranger) and
   * sent as it is, without parsing or serialising it again.
   */
  async list(ctx: RequestContext, query: ArticleListQueryParsed): Promise<string> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isKeyset);
    const key = await this.cacheKey(query);
    const load = () => this.loadPage(query, after);
    if (!ctx.user) {
      if (key === undefined) return JSON.stringify(await this.withLocks(ctx, await load()));
      return this.cache.getOrLoadJson(
        `${ARTICLES_CACHE_PREFIX}public:${key}`,
        DEFAULT_RESPONSE_TTL_MS,
        async () => this.withLocks(ctx, await load()),
      );
    }
    const page =
      key === undefined
        ? await load()
        : await this.cache.getOrLoad(`${ARTICLES_CACHE_PREFIX}${key}`, DEFAULT_RESPONSE_TTL_MS, load);
    return JSON.stringify(await this.withLocks(ctx, page));
  }

  /**
   * Where a page is cached, or undefined when it is not: every page of the plain feed; of a
   * keyword or a tag only the first page, once asked FREQUENT_SEARCHES times within a minute (in
   * every replica together), so a stream of one-off searches does not fill the cache. A keyword's
   * key is its pieces, so 数据中心 and “ 数据中心 ” share one entry. Everything under the articles
   * prefix is forgotten with the feed whenever an article changes.
   */
  private async cacheKey(query: ArticleListQueryParsed): Promise<string | undefined> {
    const scope = `${query.category ?? ''}:${query.limit}`;
    if (query.q === undefined && query.tag === undefined) {
      return `list:${query.category ?? ''}:${query.pinned ?? ''}:${query.limit}:${query.cursor ?? ''}`;
    }
    if (query.cursor !== undefined) return undefined;
    const what =
      query.tag === undefined
        ? `search:${queryTokens(query.q ?? '').join(' ')}`
        : `tag:${tagToken(query.tag)}`;
    const asked = await this.state
      .hit(`${SEARCH_FREQUENCY_PREFIX}${what}`, FREQUENCY_WINDOW_MS)
      .catch(() => 0);
    return asked >= FREQUENT_SEARCHES ? `${what}:${scope}` : undefined;
  }

  /** Each item's `locked` for this caller: the standing is read only when a page has articles for members. */
  private async withLocks(
    ctx: RequestContext,
    page: { items: SummaryRow[]; nextCursor: string | null },
  ): Promise<ArticleListResponse> {
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
    if (query.q !== undefined || query.tag !== undefined) return this.searchPage(query, after);
    const qb = this.articles.createQueryBuilder('a').where("a.state = 'published'");
    if (query.category) qb.andWhere('a.category = :category', { category: query.category });
    if (query.pinned) qb.andWhere('a.pinned = :pinned', { pinned: true });
    return this.pageOf(await newestFirst(qb, 'publishedAt', after, query.limit), query.limit);
  }

  private async searchPage(
    query: ArticleListQueryParsed,
    after: Keyset | undefined,
  ): Promise<{ items: SummaryRow[]; nextCursor: string | null }> {
    const options = {
      category: query.category,
      after: after && { publishedAt: new Date(after.t), id: after.i },
      limit: query.limit + 1,
    };
    const ids =
      query.tag === undefined
        ? await this.search.find(query.q ?? '', options)
        : await this.search.findTagged(query.tag, options);
    // By id alone, and without the body: with `state` in the condition SQLite's planner took the
    // feed index (state, publishedAt) and walked every published article to find twenty-one.
    // The search has checked the state; an article unpublished since then is left out below.
    const rows = ids.length
      ? await this.articles.find({ where: { id: In(ids) }, select: SUMMARY_COLUMNS })
      : [];
    const byId = new Map(rows.filter((row) => row.state === 'published').map((row) => [row.id, row]));
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
