import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  LEVELS,
  type Notice,
  type NoticeAudience,
  NoticeError,
  type NoticeListResponse,
  type createNoticeRequestSchema,
  noticeAudienceSchema,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import type { z } from 'zod';
import { afterCommit } from '../../common/after-commit';
import { AppError } from '../../common/app-error';
import { pageById } from '../../common/keyset';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { ArticleTitles } from '../articles/article-titles';
import { AuditService } from '../audit/audit.service';
import { MessageEntity } from '../notifications/notification.entity';
import { UnitAudiences } from '../units/unit-audience';
import { NoticeDelivery } from './notice-delivery';
import { NoticeDeliveryEntity, NoticeEntity } from './notice.entity';
import { NoticesPolicy } from './notices.policy';

type CreateNotice = z.output<typeof createNoticeRequestSchema>;
type Counts = Pick<Notice, 'recipients' | 'wechatSent' | 'read'>;

/** How the audit log and staff's list describe an audience. */
export function audienceText(audience: NoticeAudience): string {
  switch (audience.kind) {
    case 'all':
      return '全体会员单位';
    case 'levels':
      return audience.levels
        .map((level) => LEVELS.find((known) => known.code === level)?.name ?? level)
        .join('、');
    case 'units':
      return `${audience.unitIds.length} 家指定单位`;
  }
}

/**
 * Staff's side of notices: recording one (the job delivers it) and following it. The counts are
 * read from the deliveries and their messages, so a message read in 消息 counts at once.
 */
@Injectable()
export class NoticesService {
  constructor(
    @InjectRepository(NoticeEntity) private readonly notices: Repository<NoticeEntity>,
    @InjectRepository(NoticeDeliveryEntity) private readonly deliveries: Repository<NoticeDeliveryEntity>,
    private readonly policy: NoticesPolicy,
    private readonly audit: AuditService,
    private readonly audiences: UnitAudiences,
    private readonly articles: ArticleTitles,
    private readonly delivery: NoticeDelivery,
  ) {
    this.audit.nameTargets('notice', async (ids) => {
      const rows = await this.notices.find({ select: { id: true, title: true }, where: { id: In(ids) } });
      return new Map(rows.map((row) => [row.id, row.title]));
    });
  }

  /** Records the notice and its audience, queued for the job; refused whole if a unit or the article is unknown. */
  @RetryOnConflict()
  @Transactional()
  async create(ctx: SignedInContext, request: CreateNotice): Promise<Notice> {
    authorize(this.policy, ctx, 'send', {});
    const { audience, link } = request;
    if (audience.kind === 'units' && (await this.audiences.unknownUnits(audience.unitIds)).length > 0) {
      throw new AppError(NoticeError.UnitsUnknown);
    }
    if (link && !(await this.articles.of([link.id], { publishedOnly: true })).has(link.id)) {
      throw new AppError(NoticeError.ArticleUnknown);
    }
    const { identifiers } = await this.notices.insert({
      title: request.title,
      text: request.text,
      linkKind: link?.kind ?? null,
      linkId: link?.id ?? null,
      audience: JSON.stringify(audience),
      state: 'queued',
      cursor: 0,
      createdBy: ctx.user.id,
      createdByName: ctx.user.displayName,
      createdAt: now(),
      sentAt: null,
    });
    const id = Number(identifiers[0]?.id);
    await this.audit.record(ctx, {
      action: 'notice.sent',
      target: { type: 'notice', id },
      detail: `${request.title}，发送对象：${audienceText(audience)}`,
    });
    // Not awaited: delivery runs in the background, the 202 answers at once.
    await afterCommit(() => this.delivery.kick());
    return this.get(ctx, id);
  }

  /** Newest first. */
  async list(ctx: SignedInContext, query: { limit: number; cursor?: string }): Promise<NoticeListResponse> {
    authorize(this.policy, ctx, 'read', {});
    const { page, nextCursor } = await pageById(this.notices, {}, query);
    return { items: await this.present(page), nextCursor };
  }

  async get(ctx: SignedInContext, id: number): Promise<Notice> {
    authorize(this.policy, ctx, 'read', {});
    const notice = await this.notices.findOneBy({ id });
    if (!notice) throw new AppError(NoticeError.NotFound);
    const [view] = await this.present([notice]);
    if (!view) throw new AppError(NoticeError.NotFound);
    return view;
  }

  private async present(rows: NoticeEntity[]): Promise<Notice[]> {
    const counts = await this.counts(rows.map((row) => row.id));
    const titles = await this.articles.of(
      rows.flatMap((row) => (row.linkKind === 'article' && row.linkId !== null ? [row.linkId] : [])),
    );
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      text: row.text,
      link:
        row.linkKind && row.linkId !== null
          ? { kind: row.linkKind, id: row.linkId, title: titles.get(row.linkId) ?? null }
          : null,
      audience: noticeAudienceSchema.parse(JSON.parse(row.audience)),
      state: row.state,
      ...(counts.get(row.id) ?? { recipients: 0, wechatSent: 0, read: 0 }),
      createdBy: row.createdByName,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
    }));
  }

  /** Per notice: people told, those WeChat took a message for, and those who read it; one grouped read. */
  private async counts(ids: number[]): Promise<Map<number, Counts>> {
    if (ids.length === 0) return new Map();
    const rows = await this.deliveries
      .createQueryBuilder('delivery')
      .innerJoin(MessageEntity, 'message', 'message.id = delivery.messageId')
      .select('delivery.noticeId', 'noticeId')
      .addSelect('COUNT(*)', 'recipients')
      .addSelect(`SUM(CASE WHEN message.delivery = 'sent' THEN 1 ELSE 0 END)`, 'wechatSent')
      .addSelect('SUM(CASE WHEN message.readAt IS NULL THEN 0 ELSE 1 END)', 'readCount')
      .where('delivery.noticeId IN (:...ids)', { ids })
      .groupBy('delivery.noticeId')
      .getRawMany<Record<string, string | number>>();
    return new Map(
      rows.map((row) => [
        Number(row.noticeId),
        {
          recipients: Number(row.recipients),
          wechatSent: Number(row.wechatSent),
          read: Number(row.readCount),
        },
      ]),
    );
  }
}
