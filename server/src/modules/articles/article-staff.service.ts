import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ARTICLE_CATEGORY_NAMES,
  ARTICLE_STATE_MACHINE,
  ARTICLE_STATE_NAMES,
  ArticleError,
  type ArticleCategory,
  type ArticleDetail,
  type ArticleDraft,
  type ArticleDraftResponse,
  type ArticleManageListResponse,
  type ArticleState,
  articleManageQuerySchema,
  canTransition,
  createArticleRequestSchema,
  isUnitArticleCategory,
  updateArticleRequestSchema,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import type { z } from 'zod';
import { afterCommit } from '../../common/after-commit';
import { AppError } from '../../common/app-error';
import { decodeCursor, keysetPage } from '../../common/keyset';
import { authorize } from '../../common/policy';
import type { RequestContext, SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { ResponseCache } from '../../state/response-cache';
import { AuditService } from '../audit/audit.service';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import { ArticleEntity, ArticleStateChangeEntity } from './article.entity';
import { ArticleDrafts, articleDraftKey } from './article-drafts';
import { ArticleFiles } from './article-files';
import { articleBodyForSaving } from './article-html';
import { type Keyset, isKeyset, newestFirst } from './article-keyset';
import { ArticlePresenter } from './article-presenter';
import { ARTICLES_CACHE_PREFIX } from './article-readers';
import { ArticleSearch } from './article-search';
import { ArticlesPolicy } from './articles.policy';

export type ArticleManageQueryParsed = z.output<typeof articleManageQuerySchema>;
export type CreateArticleParsed = z.output<typeof createArticleRequestSchema>;
export type UpdateArticleParsed = z.output<typeof updateArticleRequestSchema>;

/** The state changes staff make (a submission's review has its own decision). */
export type StaffTransition = Extract<ArticleState, 'published' | 'unpublished' | 'archived'>;

const AUDIT_OF: Record<StaffTransition, string> = {
  published: 'article.published',
  unpublished: 'article.unpublished',
  archived: 'article.archived',
};

function uniqueTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((tag) => tag.trim()).filter(Boolean))];
}

/**
 * The one writer of `articles` and `article_state_changes` for staff (member submissions add
 * theirs through their own service). Readers' pages come from the response cache, invalidated
 * after every commit that changes what readers see.
 */
@Injectable()
export class ArticleStaffService implements OnModuleInit {
  constructor(
    @InjectRepository(ArticleEntity) private readonly articles: Repository<ArticleEntity>,
    @InjectRepository(ArticleStateChangeEntity)
    private readonly changes: Repository<ArticleStateChangeEntity>,
    private readonly policy: ArticlesPolicy,
    private readonly presenter: ArticlePresenter,
    private readonly articleFiles: ArticleFiles,
    private readonly search: ArticleSearch,
    private readonly units: UnitsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly cache: ResponseCache,
    private readonly drafts: ArticleDrafts,
  ) {}

  onModuleInit(): void {
    this.audit.nameTargets('article', async (ids) => {
      const rows = await this.articles.find({ where: { id: In(ids) }, select: { id: true, title: true } });
      return new Map(rows.map((row) => [row.id, row.title]));
    });
  }

  /** Any state, with what staff edit and the article's history. */
  async detail(ctx: RequestContext, id: number): Promise<ArticleDetail> {
    authorize(this.policy, ctx, 'manage', { standing: 'public' });
    const row = await this.articles.findOneBy({ id });
    if (!row) throw new AppError(ArticleError.NotFound);
    const history = await this.changes.find({ where: { articleId: id }, order: { id: 'DESC' } });
    const actorIds = [
      ...new Set(history.flatMap((change) => (change.actorId === null ? [] : [change.actorId]))),
    ];
    const names = new Map((await this.users.findByIds(actorIds)).map((user) => [user.id, user.displayName]));
    return {
      ...(await this.presenter.fullDetail(row)),
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
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isKeyset);
    const rows = await newestFirst(qb, 'updatedAt', after, query.limit);
    const { page, nextCursor } = keysetPage(rows, query.limit, (last): Keyset => ({
      t: last.updatedAt.getTime(),
      i: last.id,
    }));
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
      nextCursor,
    };
  }

  /** A draft: nothing readers see changes, so no cache is forgotten. */
  @RetryOnConflict()
  @Transactional()
  async create(ctx: SignedInContext, body: CreateArticleParsed): Promise<ArticleDetail> {
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
    await this.drafts.clear(ctx.user.id, articleDraftKey(null));
    await this.search.index(row);
    await this.audit.record(ctx, {
      action: 'article.created',
      target: { type: 'article', id: row.id },
      detail: `${ARTICLE_CATEGORY_NAMES[row.category]}：${row.title}`,
    });
    return this.detail(ctx, row.id);
  }

  /**
   * The caller's own unsaved article: a new one (`articleId` null), or their edits of an existing
   * article, kept apart from what readers see until saved.
   */
  async getDraft(ctx: SignedInContext, articleId: number | null): Promise<ArticleDraftResponse> {
    await this.mayKeepDraft(ctx, articleId);
    return this.drafts.read(ctx.user.id, articleDraftKey(articleId));
  }

  async saveDraft(
    ctx: SignedInContext,
    articleId: number | null,
    draft: ArticleDraft,
  ): Promise<ArticleDraftResponse> {
    await this.mayKeepDraft(ctx, articleId);
    return this.drafts.write(ctx.user.id, articleDraftKey(articleId), draft);
  }

  private async mayKeepDraft(ctx: SignedInContext, articleId: number | null): Promise<void> {
    authorize(this.policy, ctx, 'manage', { standing: 'public' });
    if (articleId !== null && !(await this.articles.existsBy({ id: articleId }))) {
      throw new AppError(ArticleError.NotFound);
    }
  }

  /** 会员风采 and 优秀案例 name a unit; any unit named must exist. */
  private async checkUnit(category: ArticleCategory, unitId: number | null): Promise<void> {
    if (isUnitArticleCategory(category) && unitId === null) throw new AppError(ArticleError.UnitRequired);
    if (unitId !== null && !(await this.units.exists(unitId))) throw new AppError(ArticleError.UnitUnknown);
  }

  /**
   * Changes what was sent; the same edit again changes and records nothing. Readers' cached pages
   * are forgotten once the change has committed.
   */
  @RetryOnConflict()
  @Transactional()
  async update(ctx: SignedInContext, id: number, body: UpdateArticleParsed): Promise<ArticleDetail> {
    authorize(this.policy, ctx, 'manage', { standing: 'public' });
    await lockRows(this.articles, [id]);
    const row = await this.articles.findOneBy({ id });
    if (!row) throw new AppError(ArticleError.NotFound);
    if (row.state === 'archived') throw new AppError(ArticleError.WrongState);
    // Saving the form makes its draft the article; 置顶 alone leaves an unsaved draft be.
    if (Object.keys(body).some((key) => key !== 'pinned')) {
      await this.drafts.clear(ctx.user.id, articleDraftKey(id));
    }
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
    if (changed.length === 0) return this.detail(ctx, id);
    await this.checkUnit(next.category, next.unitId);
    await this.articleFiles.claimAll(ctx, id, next);
    await this.articles.update({ id }, { ...next, updatedAt: now() });
    await this.search.index({ ...next, id, publishedAt: row.publishedAt });
    await this.audit.record(ctx, {
      action: 'article.updated',
      target: { type: 'article', id },
      detail: changed.join('、'),
    });
    await afterCommit(() => this.cache.invalidate(ARTICLES_CACHE_PREFIX));
    return this.detail(ctx, id);
  }

  /**
   * Publishes, unpublishes or archives. The row lock makes two changes of one article run one after
   * the other, each deciding on what the other committed: the same change again is a success that
   * records nothing; a change the state does not allow is 409. Readers' cached pages are forgotten
   * once the change has committed.
   */
  @RetryOnConflict()
  @Transactional()
  async changeState(ctx: SignedInContext, id: number, to: StaffTransition): Promise<ArticleDetail> {
    authorize(this.policy, ctx, 'manage', { standing: 'public' });
    await lockRows(this.articles, [id]);
    const row = await this.articles.findOneBy({ id });
    if (!row) throw new AppError(ArticleError.NotFound);
    if (row.state === to) return this.detail(ctx, id);
    if (!canTransition(ARTICLE_STATE_MACHINE, row.state, to)) {
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
    await afterCommit(() => this.cache.invalidate(ARTICLES_CACHE_PREFIX));
    return this.detail(ctx, id);
  }
}
