import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ARTICLE_CATEGORY_NAMES,
  ARTICLE_STATE_NAMES,
  ArticleError,
  type ArticleAttachment,
  type ArticleCategory,
  type ArticleDetail,
  type ArticleListResponse,
  type ArticleManageListResponse,
  type ArticleState,
  type ArticleSummary,
  ErrorCode,
  articleFileUrl,
  articleListQuerySchema,
  articleManageQuerySchema,
  createArticleRequestSchema,
  isUnitArticleCategory,
  updateArticleRequestSchema,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import { type RequestContext, type SignedInContext, isStaff } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { DEFAULT_RESPONSE_TTL_MS } from '../../state/cached-response';
import { ResponseCache } from '../../state/response-cache';
import { AuditService } from '../audit/audit.service';
import { FilesService } from '../files/files.service';
import { decodeCursor, encodeCursor } from '../units/unit-search';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import { ArticleFiles } from './article-files';
import { articleBodyForSaving } from './article-html';
import { ArticleReaders } from './article-readers';
import { ArticleSearch } from './article-search';
import { ArticleEntity, ArticleStateChangeEntity } from './article.entity';
import { type ArticleAccess, ArticlesPolicy } from './articles.policy';

export type ArticleListQueryParsed = z.output<typeof articleListQuerySchema>;
export type ArticleManageQueryParsed = z.output<typeof articleManageQuerySchema>;
export type CreateArticleParsed = z.output<typeof createArticleRequestSchema>;
export type UpdateArticleParsed = z.output<typeof updateArticleRequestSchema>;

/** Every cached answer built from articles (reader lists and details) lives under this prefix. */
export const ARTICLES_CACHE_PREFIX = 'articles:';

/** The state changes staff make, and the states each may start from. */
export const STAFF_TRANSITIONS = {
  published: ['draft', 'unpublished', 'in_review'],
  unpublished: ['published'],
  archived: ['draft', 'unpublished', 'published'],
} as const satisfies Partial<Record<ArticleState, readonly ArticleState[]>>;
export type StaffTransition = keyof typeof STAFF_TRANSITIONS;

const AUDIT_OF: Record<StaffTransition, string> = {
  published: 'article.published',
  unpublished: 'article.unpublished',
  archived: 'article.archived',
};

/** A reader's list item before the caller is known: `locked` is decided per caller on top. */
type SummaryRow = Omit<ArticleSummary, 'locked'>;
type PublicDetail = Omit<ArticleDetail, 'locked' | 'staff'>;

/** A keyset position: (time, id) of the last item of the page, as epoch milliseconds and id. */
interface Keyset {
  t: number;
  i: number;
}

function isKeyset(value: unknown): value is Keyset {
  if (typeof value !== 'object' || value === null) return false;
  const { t, i } = value as Record<string, unknown>;
  return (
    typeof t === 'number' &&
    Number.isSafeInteger(t) &&
    t >= 0 &&
    typeof i === 'number' &&
    Number.isSafeInteger(i) &&
    i > 0 &&
    Object.keys(value).length === 2
  );
}

/** Seconds, as a MariaDB DATETIME keeps them: an answer shows the times every later read shows. */
function now(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

function uniqueTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((tag) => tag.trim()).filter(Boolean))];
}

/**
 * The one writer of `articles` and `article_state_changes` for staff (member submissions add
 * theirs through their own service). Readers' pages come from the response cache, invalidated
 * after every commit that changes what readers see.
 */
@Injectable()
export class ArticlesService implements OnModuleInit {
  constructor(
    @InjectRepository(ArticleEntity) private readonly articles: Repository<ArticleEntity>,
    @InjectRepository(ArticleStateChangeEntity)
    private readonly changes: Repository<ArticleStateChangeEntity>,
    private readonly policy: ArticlesPolicy,
    private readonly readers: ArticleReaders,
    private readonly articleFiles: ArticleFiles,
    private readonly files: FilesService,
    private readonly search: ArticleSearch,
    private readonly units: UnitsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly cache: ResponseCache,
  ) {}

  onModuleInit(): void {
    this.audit.nameTargets('article', async (ids) => {
      const rows = await this.articles.find({ where: { id: In(ids) }, select: { id: true, title: true } });
      return new Map(rows.map((row) => [row.id, row.title]));
    });
    // /api/files/:id follows the same rule as the article's own file route.
    this.files.allowReaders('article', async (actor, articleId) => {
      const row = await this.articles.findOne({
        where: { id: articleId },
        select: { id: true, state: true, visibility: true },
      });
      return row !== null && this.mayReadBody(actor, row);
    });
  }

  private async mayReadBody(
    actor: RequestContext,
    row: Pick<ArticleEntity, 'state' | 'visibility'>,
  ): Promise<boolean> {
    const published = row.state === 'published';
    const standing =
      published && row.visibility !== 'public' ? await this.readers.standingOf(actor) : 'public';
    return this.policy.can(actor, 'readBody', {
      standing,
      article: { published, visibility: row.visibility },
    });
  }

  // ——— readers ———

  /**
   * Published articles, newest first, a keyset page: one index range read from the cursor on, no
   * count. Without a keyword the page comes from the response cache; `locked` is the caller's.
   */
  async list(ctx: RequestContext, query: ArticleListQueryParsed): Promise<ArticleListResponse> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isKeyset);
    if (query.q !== undefined && query.pinned !== undefined) {
      throw new AppError(ErrorCode.ValidationFailed, undefined, [
        { path: 'pinned', message: '搜索时不能只看置顶文章' },
      ]);
    }
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
    if (after) {
      qb.andWhere('(a.publishedAt < :at OR (a.publishedAt = :at AND a.id < :id))', {
        at: new Date(after.t),
        id: after.i,
      });
    }
    const rows = await qb
      .orderBy('a.publishedAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(query.limit + 1)
      .getMany();
    return this.pageOf(rows, query.limit);
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
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: await this.summaries(page),
      nextCursor:
        rows.length > limit && last?.publishedAt
          ? encodeCursor({ t: last.publishedAt.getTime(), i: last.id } satisfies Keyset)
          : null,
    };
  }

  /** The page's unit names in one read, whatever the page size. */
  private async summaries(rows: ArticleEntity[]): Promise<SummaryRow[]> {
    const names = await this.units.namesOf(rows.flatMap((row) => (row.unitId === null ? [] : [row.unitId])));
    return rows.map((row) => ({
      id: row.id,
      category: row.category,
      title: row.title,
      summary: row.summary,
      publishedAt: (row.publishedAt ?? row.createdAt).toISOString(),
      visibility: row.visibility,
      pinned: row.pinned,
      coverUrl: row.coverFileId === null ? null : articleFileUrl(row.coverFileId),
      unitName: row.unitId === null ? null : (names.get(row.unitId) ?? null),
    }));
  }

  /**
   * What the caller may see of one article: staff every state with what they edit; others a
   * published article (from the cache), without body and attachments when it is not for them.
   */
  async detail(ctx: RequestContext, id: number): Promise<ArticleDetail> {
    if (isStaff(ctx)) return this.staffDetail(ctx, id);
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
    return this.fullDetail(row);
  }

  private async fullDetail(row: ArticleEntity): Promise<PublicDetail> {
    const [summary] = await this.summaries([row]);
    const described = await this.files.describe(row.attachmentFileIds);
    const attachments: ArticleAttachment[] = row.attachmentFileIds.flatMap((fileId) => {
      const file = described.get(fileId);
      return file ? [{ fileId, name: file.name, size: file.size, url: articleFileUrl(fileId) }] : [];
    });
    return {
      ...(summary as SummaryRow),
      publishedAt: row.publishedAt?.toISOString() ?? null,
      body: row.body,
      attachments,
      tags: row.tags,
      readCount: row.readCount,
      unitId: row.unitId,
    };
  }

  private async staffDetail(ctx: RequestContext, id: number): Promise<ArticleDetail> {
    authorize(this.policy, ctx, 'manage', { standing: 'public' });
    const row = await this.articles.findOneBy({ id });
    if (!row) throw new AppError(ArticleError.NotFound);
    const history = await this.changes.find({ where: { articleId: id }, order: { id: 'DESC' } });
    const actorIds = [
      ...new Set(history.flatMap((change) => (change.actorId === null ? [] : [change.actorId]))),
    ];
    const names = new Map((await this.users.findByIds(actorIds)).map((user) => [user.id, user.displayName]));
    return {
      ...(await this.fullDetail(row)),
      locked: false,
      staff: {
        state: row.state,
        coverFileId: row.coverFileId,
        attachmentFileIds: row.attachmentFileIds,
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
        history: history.map((change) => ({
          state: change.state,
          byName: change.actorId === null ? null : (names.get(change.actorId) ?? '会员服务部'),
          at: change.at.toISOString(),
          reason: change.reason,
        })),
      },
    };
  }

  /** One more read of a published article: a single guarded UPDATE, no read first. */
  async countRead(id: number): Promise<void> {
    const { affected } = await this.articles.increment({ id, state: 'published' }, 'readCount', 1);
    if (!affected) throw new AppError(ArticleError.NotFound);
  }

  // ——— staff ———

  /** Every state, the latest change first; keyset on (updatedAt, id). */
  async manage(ctx: SignedInContext, query: ArticleManageQueryParsed): Promise<ArticleManageListResponse> {
    authorize(this.policy, ctx, 'manage', { standing: 'public' });
    const qb = this.articles.createQueryBuilder('a');
    if (query.state) qb.andWhere('a.state = :state', { state: query.state });
    if (query.category) qb.andWhere('a.category = :category', { category: query.category });
    if (query.q) {
      qb.andWhere("a.title LIKE :like ESCAPE '!'", {
        like: `%${query.q.replace(/[!%_]/g, (c) => `!${c}`)}%`,
      });
    }
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor, isKeyset);
      qb.andWhere('(a.updatedAt < :at OR (a.updatedAt = :at AND a.id < :id))', {
        at: new Date(after.t),
        id: after.i,
      });
    }
    const rows = await qb
      .orderBy('a.updatedAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(query.limit + 1)
      .getMany();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        id: row.id,
        category: row.category,
        title: row.title,
        state: row.state,
        visibility: row.visibility,
        pinned: row.pinned,
        updatedAt: row.updatedAt.toISOString(),
        publishedAt: row.publishedAt?.toISOString() ?? null,
        readCount: row.readCount,
      })),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ t: last.updatedAt.getTime(), i: last.id } satisfies Keyset)
          : null,
    };
  }

  /** A draft: nothing readers see changes, so no cache is forgotten. */
  async create(ctx: SignedInContext, body: CreateArticleParsed): Promise<ArticleDetail> {
    const id = await this.insertDraft(ctx, body);
    return this.staffDetail(ctx, id);
  }

  @RetryOnConflict()
  @Transactional()
  private async insertDraft(ctx: SignedInContext, body: CreateArticleParsed): Promise<number> {
    authorize(this.policy, ctx, 'manage', { standing: 'public' });
    const clean = articleBodyForSaving(body.body);
    await this.checkUnit(body.category, body.unitId ?? null);
    const at = now();
    const row = await this.articles.save(
      this.articles.create({
        category: body.category,
        title: body.title,
        summary: body.summary,
        body: clean,
        visibility: body.visibility,
        state: 'draft',
        pinned: body.pinned ?? false,
        coverFileId: body.coverFileId ?? null,
        attachmentFileIds: [...new Set(body.attachmentFileIds ?? [])],
        tags: uniqueTags(body.tags),
        unitId: body.unitId ?? null,
        submittedBy: null,
        contentFlagged: false,
        rejectReason: null,
        readCount: 0,
        createdBy: ctx.user.id,
        createdAt: at,
        updatedAt: at,
        publishedAt: null,
        decidedAt: null,
      }),
    );
    await this.articleFiles.claimAll(ctx, row.id, {
      coverFileId: row.coverFileId,
      attachmentFileIds: row.attachmentFileIds,
      body: clean,
    });
    await this.changes.insert({ articleId: row.id, state: 'draft', reason: null, actorId: ctx.user.id, at });
    await this.search.index(row);
    await this.audit.record(ctx, {
      action: 'article.created',
      target: { type: 'article', id: row.id },
      detail: `${ARTICLE_CATEGORY_NAMES[row.category]}：${row.title}`,
    });
    return row.id;
  }

  /** 会员风采 and 优秀案例 name a unit; any unit named must exist. */
  private async checkUnit(category: ArticleCategory, unitId: number | null): Promise<void> {
    if (isUnitArticleCategory(category) && unitId === null) throw new AppError(ArticleError.UnitRequired);
    if (unitId !== null && !(await this.units.exists(unitId))) throw new AppError(ArticleError.UnitUnknown);
  }

  /** Changes what was sent; the same edit again changes and records nothing. */
  async update(ctx: SignedInContext, id: number, body: UpdateArticleParsed): Promise<ArticleDetail> {
    if (await this.applyUpdate(ctx, id, body)) await this.cache.invalidate(ARTICLES_CACHE_PREFIX);
    return this.staffDetail(ctx, id);
  }

  @RetryOnConflict()
  @Transactional()
  private async applyUpdate(ctx: SignedInContext, id: number, body: UpdateArticleParsed): Promise<boolean> {
    authorize(this.policy, ctx, 'manage', { standing: 'public' });
    await lockRows(this.articles, [id]);
    const row = await this.articles.findOneBy({ id });
    if (!row) throw new AppError(ArticleError.NotFound);
    if (row.state === 'archived') throw new AppError(ArticleError.WrongState);
    const next = {
      category: body.category ?? row.category,
      title: body.title ?? row.title,
      summary: body.summary ?? row.summary,
      body: body.body === undefined ? row.body : articleBodyForSaving(body.body),
      visibility: body.visibility ?? row.visibility,
      coverFileId: body.coverFileId === undefined ? row.coverFileId : body.coverFileId,
      attachmentFileIds:
        body.attachmentFileIds === undefined ? row.attachmentFileIds : [...new Set(body.attachmentFileIds)],
      tags: body.tags === undefined ? row.tags : uniqueTags(body.tags),
      unitId: body.unitId === undefined ? row.unitId : body.unitId,
      pinned: body.pinned ?? row.pinned,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (key) => JSON.stringify(next[key]) !== JSON.stringify(row[key]),
    );
    if (changed.length === 0) return false;
    await this.checkUnit(next.category, next.unitId);
    await this.articleFiles.claimAll(ctx, id, next);
    await this.articles.update({ id }, { ...next, updatedAt: now() });
    await this.search.index({ id, title: next.title, summary: next.summary, publishedAt: row.publishedAt });
    await this.audit.record(ctx, {
      action: 'article.updated',
      target: { type: 'article', id },
      detail: changed.join('、'),
    });
    return true;
  }

  /**
   * Publishes, unpublishes or archives. The row lock makes two changes of one article run one after
   * the other, each deciding on what the other committed: the same change again is a success that
   * records nothing; a change the state does not allow is 409.
   */
  async changeState(ctx: SignedInContext, id: number, to: StaffTransition): Promise<ArticleDetail> {
    if (await this.applyState(ctx, id, to)) await this.cache.invalidate(ARTICLES_CACHE_PREFIX);
    return this.staffDetail(ctx, id);
  }

  @RetryOnConflict()
  @Transactional()
  private async applyState(ctx: SignedInContext, id: number, to: StaffTransition): Promise<boolean> {
    authorize(this.policy, ctx, 'manage', { standing: 'public' });
    await lockRows(this.articles, [id]);
    const row = await this.articles.findOneBy({ id });
    if (!row) throw new AppError(ArticleError.NotFound);
    if (row.state === to) return false;
    if (!(STAFF_TRANSITIONS[to] as readonly ArticleState[]).includes(row.state)) {
      throw new AppError(ArticleError.WrongState);
    }
    const at = now();
    await this.articles.update(
      { id },
      {
        state: to,
        updatedAt: at,
        // The first publication places the article in the feed for good.
        ...(to === 'published' && row.publishedAt === null ? { publishedAt: at } : {}),
        ...(row.state === 'in_review' ? { decidedAt: at } : {}),
      },
    );
    // The search index files an article under its month of first publication.
    if (to === 'published' && row.publishedAt === null) await this.search.index({ ...row, publishedAt: at });
    await this.changes.insert({ articleId: id, state: to, reason: null, actorId: ctx.user.id, at });
    await this.audit.record(ctx, {
      action: AUDIT_OF[to],
      target: { type: 'article', id },
      detail: `${ARTICLE_STATE_NAMES[row.state]} → ${ARTICLE_STATE_NAMES[to]}：${row.title}`,
    });
    return true;
  }

  /** Forgets every cached reader page; for features that change articles in their own transaction. */
  async readersChanged(): Promise<void> {
    await this.cache.invalidate(ARTICLES_CACHE_PREFIX);
  }
}
