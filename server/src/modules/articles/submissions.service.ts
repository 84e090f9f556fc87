import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ARTICLE_STATE_NAMES,
  type ArticleDraft,
  type ArticleDraftResponse,
  ArticleError,
  type ArticleState,
  type CreateSubmissionRequest,
  type CreateSubmissionResponse,
  ErrorCode,
  type Submission,
  type SubmissionDecisionRequest,
  SubmissionError,
  SubmissionErrorMessage,
  type SubmissionListItem,
  type SubmissionListResponse,
  articleFileUrl,
  SUBMISSION_PAGE,
} from '@itss/shared';
import { IsNull, Not, type FindOptionsWhere, type Repository } from 'typeorm';
import { afterCommit } from '../../common/after-commit';
import { AppError } from '../../common/app-error';
import { pageById } from '../../common/keyset';
import { type RequestContext, type SignedInContext, isStaff } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { ResponseCache } from '../../state/response-cache';
import { Throttle } from '../../state/throttle';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import { ArticleEntity, ArticleStateChangeEntity } from './article.entity';
import { ArticleDrafts, SUBMISSION_DRAFT } from './article-drafts';
import { ArticleFiles } from './article-files';
import { articleBodyForSaving, bodyImageIds } from './article-html';
import { ARTICLES_CACHE_PREFIX } from './article-readers';
import { ArticleSearch } from './article-search';
import { SubmissionContentCheck } from './submission-content-check';
import { type SubmissionRelation, SubmissionsPolicy } from './submissions.policy';

/**
 * A unit's news comes a few pieces at a time; each submission costs WeChat content checks and a
 * place in staff's queue, so a loop or a script is stopped early (per person, as uploads are).
 */
const SUBMISSIONS_PER_HOUR = 10;
const SUBMISSIONS_PER_DAY = 30;

const NOTICE_TITLE = { approve: '投稿已发布', reject: '投稿未通过审核' } as const;

function noticeBody(decision: 'approve' | 'reject', title: string, reason: string | null): string {
  return decision === 'approve'
    ? `您的投稿《${title}》已审核通过并发布。`
    : `您的投稿《${title}》未通过审核。原因：${reason ?? ''}。可修改后重新投稿。`;
}

const detailPage = (id: number): string => `${SUBMISSION_PAGE}?id=${id}`;

/**
 * Member submissions (会员风采, 优秀案例): articles written by a unit's contact about their own unit,
 * checked by WeChat's content security, published once staff approve them.
 */
@Injectable()
export class SubmissionsService {
  constructor(
    @InjectRepository(ArticleEntity) private readonly articles: Repository<ArticleEntity>,
    @InjectRepository(ArticleStateChangeEntity)
    private readonly changes: Repository<ArticleStateChangeEntity>,
    private readonly policy: SubmissionsPolicy,
    private readonly units: UnitsService,
    private readonly users: UsersService,
    private readonly articleFiles: ArticleFiles,
    private readonly search: ArticleSearch,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly cache: ResponseCache,
    private readonly contentCheck: SubmissionContentCheck,
    private readonly throttle: Throttle,
    private readonly drafts: ArticleDrafts,
  ) {}

  /** The caller's unsent submission, from any device; only whoever may submit keeps one. */
  async getDraft(ctx: SignedInContext): Promise<ArticleDraftResponse> {
    await this.mayKeepDraft(ctx);
    return this.drafts.read(ctx.user.id, SUBMISSION_DRAFT);
  }

  async saveDraft(ctx: SignedInContext, draft: ArticleDraft): Promise<ArticleDraftResponse> {
    await this.mayKeepDraft(ctx);
    return this.drafts.write(ctx.user.id, SUBMISSION_DRAFT, draft);
  }

  private async mayKeepDraft(ctx: SignedInContext): Promise<void> {
    if (!this.policy.can(ctx, 'keepDraft', { callerUnit: await this.callerUnit(ctx) })) {
      throw new AppError(SubmissionError.NotAContact);
    }
  }

  /**
   * Checks the text with WeChat before anything is stored (no transaction waits on WeChat): risky
   * is refused and nothing kept; review, or WeChat unreachable, stores it flagged for staff, so a
   * submission is never lost to an outage. Images go to WeChat's media check after the commit.
   * Each attempt is counted against the person before WeChat is asked, a refused one included.
   */
  async create(ctx: SignedInContext, body: CreateSubmissionRequest): Promise<CreateSubmissionResponse> {
    const callerUnit = await this.callerUnit(ctx);
    if (!this.policy.can(ctx, 'submit', { callerUnit }) || !callerUnit) {
      throw new AppError(SubmissionError.NotAContact);
    }
    await this.throttle.take(
      {
        key: `throttle:submission:${ctx.user.id}`,
        limit: SUBMISSIONS_PER_HOUR,
        windowMs: 60 * 60_000,
        message: SubmissionErrorMessage.SubmissionsTooMany,
      },
      {
        key: `throttle:submission-day:${ctx.user.id}`,
        limit: SUBMISSIONS_PER_DAY,
        windowMs: 24 * 60 * 60_000,
        message: SubmissionErrorMessage.SubmissionsSpentToday,
      },
    );
    const html = articleBodyForSaving(body.body);
    const verdict = await this.contentCheck.checkText(ctx.user.openid, body.title, body.summary, html);
    if (verdict === 'risky') throw new AppError(ArticleError.ContentRisky);
    const id = await this.store(ctx, callerUnit.id, body, html, verdict !== 'pass');
    return { id, state: 'in_review' };
  }

  /**
   * Staff: every unit's, or the review queue oldest first with `state=in_review`; a contact: their
   * unit's, newest first. The keyset is the id either way.
   */
  async list(
    ctx: SignedInContext,
    query: { state?: ArticleState; limit: number; cursor?: string },
  ): Promise<SubmissionListResponse> {
    const callerUnit = await this.callerUnit(ctx);
    if (!this.policy.can(ctx, 'list', { callerUnit })) throw new AppError(ErrorCode.Forbidden);
    const staff = isStaff(ctx);
    const oldestFirst = staff && query.state === 'in_review';
    const where: FindOptionsWhere<ArticleEntity> = {
      submittedBy: Not(IsNull()),
      ...(query.state && { state: query.state }),
      ...(!staff && callerUnit && { unitId: callerUnit.id }),
    };
    const { page, nextCursor } = await pageById(this.articles, where, query, oldestFirst ? 'ASC' : 'DESC');
    const items = await this.present(ctx, page);
    return {
      items: items.map(({ body: _body, ...item }): SubmissionListItem => item),
      nextCursor,
    };
  }

  /** The unit's contacts and staff; anyone else is told it does not exist. */
  async get(ctx: SignedInContext, id: number): Promise<Submission> {
    const row = await this.articles.findOneBy({ id, submittedBy: Not(IsNull()) });
    const relation: SubmissionRelation = {
      callerUnit: await this.callerUnit(ctx),
      ...(row?.unitId != null && { submissionUnitId: row.unitId }),
    };
    if (!row || !this.policy.can(ctx, 'read', relation)) throw new AppError(SubmissionError.NotFound);
    return this.presentOne(ctx, row);
  }

  /**
   * A staff decision in one transaction: the state, its history entry, the audit entry and the
   * in-app message. The row lock makes two staff deciding at once run one after the other: the
   * second sees the first's decision and is refused. The readers' cache is forgotten and the
   * submitter's WeChat message sent only after the decision has committed, and neither failing
   * undoes it.
   */
  @RetryOnConflict()
  @Transactional()
  async decide(
    ctx: SignedInContext,
    id: number,
    { decision, reason }: SubmissionDecisionRequest,
  ): Promise<Submission> {
    if (!this.policy.can(ctx, 'review', { callerUnit: null })) throw new AppError(ErrorCode.Forbidden);
    await lockRows(this.articles, [id]);
    const row = await this.articles.findOneBy({ id, submittedBy: Not(IsNull()) });
    if (!row?.submittedBy) throw new AppError(SubmissionError.NotFound);
    if (row.state !== 'in_review') throw new AppError(SubmissionError.AlreadyDecided);
    const at = now();
    const note = decision === 'reject' ? (reason ?? null) : null;
    row.state = decision === 'approve' ? 'published' : 'rejected';
    row.decidedAt = at;
    row.updatedAt = at;
    if (decision === 'approve') row.publishedAt = at;
    else row.rejectReason = note;
    await this.articles.save(row);
    if (decision === 'approve') await this.search.index(row);
    await this.changes.insert({
      articleId: row.id,
      state: row.state,
      reason: note,
      actorId: ctx.user.id,
      at,
    });
    await this.audit.record(ctx, {
      action: decision === 'approve' ? 'submission.approved' : 'submission.rejected',
      target: { type: 'article', id: row.id },
      detail: note ? `${row.title}：${note}` : row.title,
    });
    await this.notifications.notify(row.submittedBy, {
      purpose: 'submission_decision',
      title: NOTICE_TITLE[decision],
      body: noticeBody(decision, row.title, note),
      page: detailPage(row.id),
      fields: {
        articleTitle: row.title,
        result: decision === 'approve' ? '已通过' : ARTICLE_STATE_NAMES.rejected,
        note: note ?? '',
        at,
      },
    });
    if (decision === 'approve') await afterCommit(() => this.cache.invalidate(ARTICLES_CACHE_PREFIX));
    return this.presentOne(ctx, row);
  }

  // ——— steps ———

  /** The unit the caller is a contact of (a removed unit is none), and whether it is active. */
  private async callerUnit(ctx: SignedInContext): Promise<SubmissionRelation['callerUnit']> {
    const membership = await this.units.membershipOf(ctx.user.id);
    if (!membership || membership.status === 'removed') return null;
    return { id: membership.unitId, active: membership.status === 'active' };
  }

  @RetryOnConflict()
  @Transactional()
  private async store(
    ctx: SignedInContext,
    unitId: number,
    body: CreateSubmissionRequest,
    html: string,
    flagged: boolean,
  ): Promise<number> {
    const at = now();
    const row = await this.articles.save(
      this.articles.create({
        category: body.category,
        title: body.title,
        summary: body.summary,
        body: html,
        visibility: 'public',
        state: 'in_review',
        pinned: false,
        coverFileId: body.coverFileId ?? null,
        attachmentFileIds: [],
        tags: [],
        unitId,
        submittedBy: ctx.user.id,
        contentFlagged: flagged,
        rejectReason: null,
        readCount: 0,
        createdBy: ctx.user.id,
        createdAt: at,
        updatedAt: at,
        publishedAt: null,
        decidedAt: null,
      }),
    );
    await this.changes.insert({
      articleId: row.id,
      state: 'in_review',
      reason: null,
      actorId: ctx.user.id,
      at,
    });
    await this.articleFiles.claimAll(ctx, row.id, { coverFileId: body.coverFileId ?? null, body: html });
    await this.drafts.clear(ctx.user.id, SUBMISSION_DRAFT);
    const imageIds = [...new Set([...(body.coverFileId ? [body.coverFileId] : []), ...bodyImageIds(html)])];
    await afterCommit(() => this.contentCheck.checkImages(ctx, row.id, imageIds));
    return row.id;
  }

  private async presentOne(ctx: RequestContext, row: ArticleEntity): Promise<Submission> {
    const [submission] = await this.present(ctx, [row]);
    if (!submission) throw new Error(`submission ${row.id} could not be presented`);
    return submission;
  }

  /** Unit and submitter names for a page in two reads, whatever its size. */
  private async present(ctx: RequestContext, rows: ArticleEntity[]): Promise<Submission[]> {
    const [unitNames, submitters] = await Promise.all([
      this.units.namesOf(rows.flatMap((row) => (row.unitId === null ? [] : [row.unitId]))),
      this.users.findByIds([...new Set(rows.flatMap((row) => (row.submittedBy ? [row.submittedBy] : [])))]),
    ]);
    const submitterNames = new Map(submitters.map((user) => [user.id, user.displayName]));
    const staff = isStaff(ctx);
    return rows.map((row) => ({
      id: row.id,
      category: row.category as Submission['category'],
      title: row.title,
      summary: row.summary,
      body: row.body,
      coverUrl: row.coverFileId === null ? null : articleFileUrl(row.coverFileId),
      state: row.state,
      unit: { id: row.unitId ?? 0, name: (row.unitId !== null && unitNames.get(row.unitId)) || '' },
      submitterName: (row.submittedBy !== null && submitterNames.get(row.submittedBy)) || '',
      submittedAt: row.createdAt.toISOString(),
      ...(staff && { flagged: row.contentFlagged }),
      decidedAt: row.decidedAt?.toISOString() ?? null,
      rejectReason: row.rejectReason,
    }));
  }
}
