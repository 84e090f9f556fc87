import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ARTICLE_STATE_NAMES,
  ArticleError,
  type ArticleState,
  CONTENT_CHECK_RESULTS,
  type ContentCheckResult,
  type CreateSubmissionRequest,
  type CreateSubmissionResponse,
  ErrorCode,
  type Submission,
  type SubmissionDecisionRequest,
  SubmissionError,
  type SubmissionListItem,
  type SubmissionListResponse,
  WechatError,
  articleFileUrl,
  SUBMISSION_PAGE,
} from '@itss/shared';
import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';
import { IsNull, LessThan, MoreThan, Not, type FindOptionsWhere, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { type RequestContext, type SignedInContext, isStaff } from '../../common/request-context';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { ResponseCache } from '../../state/response-cache';
import { type WechatPushEvent, WechatPushHandlers } from '../../wechat/wechat-push';
import { TEXT_CHECK_MAX_CHARS, type ContentCheckScene, WechatClient } from '../../wechat/wechat.client';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import { ArticleEntity, ArticleStateChangeEntity } from './article.entity';
import { ArticleFiles } from './article-files';
import { articleBodyForSaving, bodyImageIds } from './article-html';
import { ArticleSearch } from './article-search';
import { ARTICLES_CACHE_PREFIX } from './articles.service';
import { SubmissionMediaCheckEntity } from './submission-media-check.entity';
import { type SubmissionRelation, SubmissionsPolicy } from './submissions.policy';

/** Now, in the whole seconds a MariaDB DATETIME keeps, so the answer matches every later read. */
function now(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

/** WeChat's scene for both checks: 4 社交日志, the nearest to a member's own article. */
const CHECK_SCENE: ContentCheckScene = 4;
/** Worse verdicts rank higher: a text is as bad as its worst part. */
const SEVERITY: Record<ContentCheckResult, number> = { pass: 0, review: 1, risky: 2 };

const NOTICE_TITLE = { approve: '投稿已发布', reject: '投稿未通过审核' } as const;

function noticeBody(decision: 'approve' | 'reject', title: string, reason: string | null): string {
  return decision === 'approve'
    ? `您的投稿《${title}》已审核通过并发布。`
    : `您的投稿《${title}》未通过审核。原因：${reason ?? ''}。可修改后重新投稿。`;
}

const detailPage = (id: number): string => `${SUBMISSION_PAGE}?id=${id}`;

/**
 * The readable text of a sanitized body, for WeChat's check: sanitize-html with no tags keeps only
 * text, escaping exactly & < > " — undone here so WeChat reads what readers read.
 */
function plainText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** What matters in a wxa_media_check push (version 2). */
const mediaVerdictSchema = z.object({
  trace_id: z.string().min(1).max(64),
  result: z.object({ suggest: z.enum(CONTENT_CHECK_RESULTS) }),
});

/** Cuts text into pieces WeChat takes in one call, by characters (not UTF-16 units). */
function pieces(text: string): string[] {
  const chars = [...text];
  const result: string[] = [];
  for (let i = 0; i < chars.length; i += TEXT_CHECK_MAX_CHARS) {
    result.push(chars.slice(i, i + TEXT_CHECK_MAX_CHARS).join(''));
  }
  return result;
}

/**
 * Member submissions (会员风采, 优秀案例): articles written by a unit's contact about their own unit,
 * checked by WeChat's content security, published once staff approve them.
 */
@Injectable()
export class SubmissionsService implements OnModuleInit {
  private readonly logger = new Logger(SubmissionsService.name);

  constructor(
    @InjectRepository(ArticleEntity) private readonly articles: Repository<ArticleEntity>,
    @InjectRepository(ArticleStateChangeEntity)
    private readonly changes: Repository<ArticleStateChangeEntity>,
    @InjectRepository(SubmissionMediaCheckEntity)
    private readonly mediaChecks: Repository<SubmissionMediaCheckEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policy: SubmissionsPolicy,
    private readonly units: UnitsService,
    private readonly users: UsersService,
    private readonly articleFiles: ArticleFiles,
    private readonly search: ArticleSearch,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly wechat: WechatClient,
    private readonly cache: ResponseCache,
    private readonly push: WechatPushHandlers,
  ) {}

  onModuleInit(): void {
    this.push.on('wxa_media_check', (event) => this.recordMediaVerdict(event));
  }

  /**
   * Checks the text with WeChat before anything is stored (no transaction waits on WeChat): risky
   * is refused and nothing kept; review, or WeChat unreachable, stores it flagged for staff, so a
   * submission is never lost to an outage. Images go to WeChat's media check after the commit.
   */
  async create(ctx: SignedInContext, body: CreateSubmissionRequest): Promise<CreateSubmissionResponse> {
    const callerUnit = await this.callerUnit(ctx);
    if (!this.policy.can(ctx, 'submit', { callerUnit }) || !callerUnit) {
      throw new AppError(SubmissionError.NotAContact);
    }
    const html = articleBodyForSaving(body.body);
    const verdict = await this.checkText(ctx.user.openid, body.title, body.summary, html);
    if (verdict === 'risky') throw new AppError(ArticleError.ContentRisky);
    const imageIds = [...new Set([...(body.coverFileId ? [body.coverFileId] : []), ...bodyImageIds(html)])];
    const id = await this.store(ctx, callerUnit.id, body, html, verdict !== 'pass');
    await this.checkImages(ctx, id, imageIds);
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
    const after = parseCursor(query.cursor);
    const where: FindOptionsWhere<ArticleEntity> = {
      submittedBy: Not(IsNull()),
      ...(query.state && { state: query.state }),
      ...(!staff && callerUnit && { unitId: callerUnit.id }),
      ...(after !== null && { id: oldestFirst ? MoreThan(after) : LessThan(after) }),
    };
    const rows = await this.articles.find({
      where,
      order: { id: oldestFirst ? 'ASC' : 'DESC' },
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const items = await this.present(ctx, page);
    return {
      items: items.map(({ body: _body, ...item }): SubmissionListItem => item),
      nextCursor: rows.length > query.limit ? String(page.at(-1)?.id) : null,
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
   * A staff decision, then the submitter told: the cache is forgotten and the WeChat message sent
   * only after the decision has committed, and neither failing undoes it.
   */
  async decide(ctx: SignedInContext, id: number, decision: SubmissionDecisionRequest): Promise<Submission> {
    const { row, messageId } = await this.decideAndRecord(ctx, id, decision);
    if (decision.decision === 'approve') await this.cache.invalidate(ARTICLES_CACHE_PREFIX);
    await this.notifications.deliver([messageId]);
    return this.presentOne(ctx, row);
  }

  /**
   * One transaction: the state, its history entry, the audit entry and the in-app message. The row
   * lock makes two staff deciding at once run one after the other: the second sees the first's
   * decision and is refused.
   */
  @RetryOnConflict()
  @Transactional()
  private async decideAndRecord(
    ctx: SignedInContext,
    id: number,
    { decision, reason }: SubmissionDecisionRequest,
  ): Promise<{ row: ArticleEntity; messageId: number }> {
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
    const messageId = await this.notifications.notify(row.submittedBy, {
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
    return { row, messageId };
  }

  // ——— steps ———

  /** The unit the caller is a contact of (a removed unit is none), and whether it is active. */
  private async callerUnit(ctx: SignedInContext): Promise<SubmissionRelation['callerUnit']> {
    const membership = await this.units.membershipOf(ctx.user.id);
    if (!membership || membership.status === 'removed') return null;
    return { id: membership.unitId, active: membership.status === 'active' };
  }

  /**
   * WeChat's verdict on title, summary and body text, in as many calls as its length limit needs;
   * stops at the first risky part. 'unchecked' when WeChat could not be asked.
   */
  private async checkText(
    openid: string,
    title: string,
    summary: string,
    html: string,
  ): Promise<ContentCheckResult | 'unchecked'> {
    let worst: ContentCheckResult = 'pass';
    const parts = pieces([summary, plainText(html)].filter(Boolean).join('\n'));
    try {
      for (const [index, content] of parts.entries()) {
        const { suggest } = await this.wechat.msgSecCheck({
          openid,
          content,
          ...(index === 0 && { title }),
          scene: CHECK_SCENE,
        });
        if (SEVERITY[suggest] > SEVERITY[worst]) worst = suggest;
        if (worst === 'risky') break;
      }
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== WechatError.WechatUnavailable) throw error;
      // The client has logged why; staff see the submission flagged and read it themselves.
      return 'unchecked';
    }
    return worst;
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
    return row.id;
  }

  /**
   * Asks WeChat to check each image, keeping the trace id its verdict will come back with. After
   * the commit and never failing the submission: an image WeChat could not be asked about flags
   * the submission for staff instead.
   */
  private async checkImages(ctx: SignedInContext, articleId: number, fileIds: number[]): Promise<void> {
    const mediaCheck = this.config.wechat.mediaCheck;
    if (!mediaCheck) return;
    for (const fileId of fileIds) {
      // The image is no one's to read yet: WeChat fetches it by a one-off token in its address,
      // recorded before WeChat is asked so that even a fetch at once finds it.
      const fetchToken = randomBytes(24).toString('base64url');
      const pending = `pending:${fetchToken}`;
      await this.mediaChecks.insert({
        articleId,
        fileId,
        traceId: pending,
        fetchToken,
        result: null,
        createdAt: now(),
      });
      try {
        const { traceId } = await this.wechat.mediaCheckAsync({
          openid: ctx.user.openid,
          mediaUrl: `${mediaCheck.publicUrl}${articleFileUrl(fileId)}?check=${fetchToken}`,
          mediaType: 2,
          scene: CHECK_SCENE,
        });
        await this.mediaChecks.update({ traceId: pending }, { traceId });
      } catch (error) {
        await this.mediaChecks.delete({ traceId: pending });
        this.logger.warn(
          `Image ${fileId} of submission ${articleId} not sent to WeChat's check: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
        await this.articles.update({ id: articleId }, { contentFlagged: true });
      }
    }
  }

  /**
   * WeChat's verdict on a submitted image, pushed within 30 minutes: kept with its check, and
   * anything but pass flags the submission for staff (WeChat may push the same event again).
   */
  @RetryOnConflict()
  @Transactional()
  private async recordMediaVerdict(event: WechatPushEvent): Promise<void> {
    const verdict = mediaVerdictSchema.safeParse(event);
    if (!verdict.success) {
      this.logger.warn('A wxa_media_check push without a trace id and a result was ignored');
      return;
    }
    const check = await this.mediaChecks.findOneBy({ traceId: verdict.data.trace_id });
    if (!check) return;
    const suggest = verdict.data.result.suggest;
    await this.mediaChecks.update({ id: check.id }, { result: suggest });
    if (suggest !== 'pass') await this.articles.update({ id: check.articleId }, { contentFlagged: true });
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

/** The opaque cursor is the last id of the previous page. */
function parseCursor(cursor: string | undefined): number | null {
  if (cursor === undefined) return null;
  const id = Number(cursor);
  if (!/^[1-9][0-9]{0,15}$/.test(cursor) || !Number.isSafeInteger(id)) {
    throw new AppError(ErrorCode.ValidationFailed, undefined, [
      { path: 'cursor', message: '翻页参数无效，请从第一页重新加载' },
    ]);
  }
  return id;
}
