import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { FREE_PRICES } from '@itss/shared';
import type { Repository } from 'typeorm';
import { now } from '../../common/time';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RetryOnConflict } from '../../database/conflicts';
import { EventSessionEntity } from './event-session.entity';
import { EventEntity } from './event.entity';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** Beijing 09:00 of the day `days` from now: events start in the morning. */
function morningIn(days: number, at: Date): Date {
  const day = new Date(at.getTime() + days * DAY + 8 * HOUR).toISOString().slice(0, 10);
  return new Date(`${day}T09:00:00+08:00`);
}

/**
 * Development only (the server serves the WeChat stand-in), like the other demo seeds: two upcoming
 * events, so 活动 shows something right after start — a free 宣贯培训 open to members now and to
 * everyone two days later (会员优先), and a paid 会议周 with two sub-forums open to everyone. Only
 * into an empty table.
 */
@Injectable()
export class DemoEventsSeed implements OnModuleInit {
  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(EventSessionEntity) private readonly sessions: Repository<EventSessionEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.wechat.serveStandin) return;
    if (await this.seed())
      new Logger('Demo').log('Demo events: a members-first training and a paid 会议周 (活动报名)');
  }

  @RetryOnConflict()
  @Transactional()
  private async seed(): Promise<boolean> {
    if (await this.events.exists()) return false;
    const at = now();
    const common = {
      levelOpensAt: {},
      cancelReason: null,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
      publishedAt: at,
      cancelledAt: null,
      state: 'published' as const,
      coverFileId: null,
    };
    const trainingStart = morningIn(14, at);
    const training = await this.events.save(
      this.events.create({
        ...common,
        kind: 'training',
        title: 'ITSS 运维标准宣贯培训（北京站）',
        summary: 'GB/T 28827 系列运维标准解读与实施案例，会员单位优先报名',
        description:
          '<p>本期宣贯培训由分会专家讲解 ITSS 运行维护系列标准的要点与实施方法，并分享会员单位的落地案例。</p>' +
          '<p>培训结束后，签到学员可在“我的活动”中下载培训证明。</p>',
        placeMode: 'offline',
        placeText: '北京市海淀区中关村南大街 2 号 数字大厦三层报告厅',
        startsAt: trainingStart,
        endsAt: new Date(trainingStart.getTime() + 7 * HOUR),
        memberOpensAt: new Date(at.getTime() - DAY),
        publicOpensAt: new Date(at.getTime() + 2 * DAY),
        closesAt: new Date(trainingStart.getTime() - DAY),
        audience: 'everyone',
        prices: FREE_PRICES,
        refundFullUntilDays: 3,
        hoursTenths: 60,
      }),
    );
    await this.sessions.insert({
      eventId: training.id,
      position: 0,
      title: '全天',
      startsAt: training.startsAt,
      endsAt: training.endsAt,
      capacity: 60,
      taken: 0,
      remindedAt: null,
    });
    const weekStart = morningIn(30, at);
    const week = await this.events.save(
      this.events.create({
        ...common,
        kind: 'conference',
        title: '2026 ITSS 会议周',
        summary: '主论坛与分论坛：数字化运维、数据服务、信创服务',
        description:
          '<p>ITSS 会议周汇聚分会会员单位与行业专家，围绕 IT 服务标准的最新进展开展交流。</p>' +
          '<p>会员单位按级别享受优惠价格，报名后请在 30 分钟内完成支付。</p>',
        placeMode: 'offline',
        placeText: '北京国家会议中心',
        startsAt: weekStart,
        endsAt: new Date(weekStart.getTime() + DAY + 8 * HOUR),
        memberOpensAt: new Date(at.getTime() - DAY),
        publicOpensAt: new Date(at.getTime() - DAY),
        closesAt: new Date(weekStart.getTime() - 2 * DAY),
        audience: 'everyone',
        prices: {
          member: 80_000,
          committee: 60_000,
          vice_president: 40_000,
          president: 0,
          non_member: 120_000,
        },
        refundFullUntilDays: 7,
        hoursTenths: 0,
      }),
    );
    await this.sessions.insert([
      {
        eventId: week.id,
        position: 0,
        title: '主论坛',
        startsAt: weekStart,
        endsAt: new Date(weekStart.getTime() + 8 * HOUR),
        capacity: 300,
        taken: 0,
        remindedAt: null,
      },
      {
        eventId: week.id,
        position: 1,
        title: '分论坛：数字化运维',
        startsAt: new Date(weekStart.getTime() + DAY),
        endsAt: new Date(weekStart.getTime() + DAY + 8 * HOUR),
        capacity: 120,
        taken: 0,
        remindedAt: null,
      },
    ]);
    return true;
  }
}
