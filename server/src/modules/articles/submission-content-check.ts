import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { CONTENT_CHECK_RESULTS, type ContentCheckResult, WechatError, articleFileUrl } from '@itss/shared';
import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';
import { IsNull, LessThan, Or, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RetryOnConflict } from '../../database/conflicts';
import { type WechatPushEvent, WechatPushHandlers } from '../../wechat/wechat-push';
import { TEXT_CHECK_MAX_CHARS, type ContentCheckScene, WechatClient } from '../../wechat/wechat.client';
import { ArticleEntity } from './article.entity';
import { SubmissionMediaCheckEntity } from './submission-media-check.entity';

/** WeChat's scene for both checks: 4 社交日志, the nearest to a member's own article. */
const CHECK_SCENE: ContentCheckScene = 4;
/** Worse verdicts rank higher: a text is as bad as its worst part. */
const SEVERITY: Record<ContentCheckResult, number> = { pass: 0, review: 1, risky: 2 };

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
  /** When WeChat made the event, in seconds: of two verdicts on one image, the newer stands. */
  CreateTime: z.number().int().positive(),
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
 * WeChat's content security on a member's submission: the text before anything is stored, each
 * image after, its verdict pushed back later; anything short of pass flags it for staff.
 */
@Injectable()
export class SubmissionContentCheck implements OnModuleInit {
  private readonly logger = new Logger(SubmissionContentCheck.name);

  constructor(
    @InjectRepository(ArticleEntity) private readonly articles: Repository<ArticleEntity>,
    @InjectRepository(SubmissionMediaCheckEntity)
    private readonly mediaChecks: Repository<SubmissionMediaCheckEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly wechat: WechatClient,
    private readonly push: WechatPushHandlers,
  ) {}

  onModuleInit(): void {
    this.push.on('wxa_media_check', (event) => this.recordMediaVerdict(event));
  }

  /**
   * WeChat's verdict on title, summary and body text, in as many calls as its length limit needs;
   * stops at the first risky part. 'unchecked' when WeChat could not be asked.
   */
  async checkText(
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

  /**
   * Asks WeChat to check each image, keeping the trace id its verdict will come back with. After
   * the commit and never failing the submission: an image WeChat could not be asked about flags
   * the submission for staff instead.
   */
  async checkImages(ctx: SignedInContext, articleId: number, fileIds: number[]): Promise<void> {
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
        resultAt: null,
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
   * anything but pass flags the submission for staff. WeChat may push the same event again, and an
   * old one may arrive late: a verdict is kept only when newer than the one kept (a guarded UPDATE),
   * so an older verdict never replaces a newer one.
   */
  @RetryOnConflict()
  @Transactional()
  private async recordMediaVerdict(event: WechatPushEvent): Promise<void> {
    const verdict = mediaVerdictSchema.safeParse(event);
    if (!verdict.success) {
      this.logger.warn('A wxa_media_check push without a trace id, a result and a time was ignored');
      return;
    }
    const check = await this.mediaChecks.findOneBy({ traceId: verdict.data.trace_id });
    if (!check) return;
    const suggest = verdict.data.result.suggest;
    const at = new Date(verdict.data.CreateTime * 1000);
    const { affected } = await this.mediaChecks.update(
      { id: check.id, resultAt: Or(IsNull(), LessThan(at)) },
      { result: suggest, resultAt: at },
    );
    if (affected && suggest !== 'pass') {
      await this.articles.update({ id: check.articleId }, { contentFlagged: true });
    }
  }
}
