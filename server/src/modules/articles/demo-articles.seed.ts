import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { now } from '../../common/time';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import type { ArticleCategory, ArticleVisibility } from '@itss/shared';
import type { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RetryOnConflict } from '../../database/conflicts';
import { standinPersona } from '../../wechat/standin/personas';
import { DEMO_UNIT_CREDIT_CODE } from '../units/demo-unit.seed';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import { sanitizeArticleHtml } from './article-html';
import { ArticleSearch } from './article-search';
import { ArticleEntity, ArticleStateChangeEntity } from './article.entity';

interface DemoArticle {
  category: ArticleCategory;
  title: string;
  summary: string;
  body: string;
  visibility: ArticleVisibility;
  pinned?: boolean;
  tags: string[];
  /** Days before today it was published, so the feed has an order. */
  daysAgo: number;
  aboutDemoUnit?: boolean;
}

/** From the handbook's own topics: ITSS standards, their promotion, 运维 and data centres, members. */
const DEMO_ARTICLES: DemoArticle[] = [
  {
    category: 'notice',
    title: '关于缴纳 2026 年度会费的通知',
    summary: '请各会员单位于 3 月 31 日前完成本年度会费缴纳，逾期两个年度未缴纳的将按工作守则处理。',
    body:
      '<p>各会员单位：</p><p>根据《ITSS 分会会员工作守则》，会员单位应按时交纳会费。请于 <strong>3 月 31 日</strong>前完成 2026 年度会费缴纳，可在“我的单位”中查看本年度账单。</p>' +
      '<ul><li>会员单位：3000 元/年</li><li>委员单位：10000 元/年</li><li>副会长单位、会长单位：30000 元/年</li></ul>' +
      '<p>如有疑问，请联系会员服务部：010-68107418，邮箱 <a href="mailto:hyfw@itss.cn">hyfw@itss.cn</a>。</p>',
    visibility: 'public',
    pinned: true,
    tags: ['会费', '通知'],
    daysAgo: 1,
  },
  {
    category: 'standard',
    title: 'ITSS 运行维护系列标准应用要点解读',
    summary: '围绕运行维护服务能力成熟度模型，梳理人员、过程、技术、资源四要素在企业落地时的常见问题。',
    body:
      '<h2>一、标准概况</h2><p>ITSS 运行维护系列标准从人员、过程、技术、资源四个要素描述运维服务能力，是企业开展符合性评估的主要依据。</p>' +
      '<h2>二、落地要点</h2><ol><li>以服务目录为起点，明确服务级别与考核指标；</li><li>建立事件、问题、变更、配置管理等核心过程并持续改进；</li><li>运维工具与知识库应支撑过程运行，而非另起一套。</li></ol>' +
      '<blockquote>标准服务于技术、产业发展，服务于市场需求。</blockquote>',
    visibility: 'public',
    tags: ['ITSS', '运行维护', '标准'],
    daysAgo: 3,
  },
  {
    category: 'policy',
    title: '信息技术服务标准化工作相关政策汇编',
    summary: '汇总近年来行业主管部门关于信息技术服务业、软件和信息技术服务标准化的主要政策文件要点。',
    body:
      '<p>为便于会员单位了解政策动向，分会整理了信息技术服务标准化相关政策要点：</p>' +
      '<ul><li>推动信息技术服务标准研制与应用推广；</li><li>鼓励企业开展 ITSS 符合性评估，提升服务能力；</li><li>支持行业用户在采购中采用信息技术服务标准。</li></ul>' +
      '<p>原文请以主管部门发布为准。</p>',
    visibility: 'public',
    tags: ['政策', '标准化'],
    daysAgo: 6,
  },
  {
    category: 'industry',
    title: '数据中心运维服务发展趋势观察',
    summary: '绿色低碳、智能运维与服务化交付成为数据中心运维的三大方向，标准在其中起到衔接作用。',
    body:
      '<h2>绿色低碳</h2><p>能效指标逐步纳入数据中心运维服务的考核，运维过程需要记录并持续优化能耗数据。</p>' +
      '<h2>智能运维</h2><p>监控告警、容量管理与故障分析逐步引入自动化工具，但过程规范仍是基础。</p>' +
      '<h2>服务化交付</h2><p>越来越多的用户按服务级别采购运维服务，ITSS 标准为供需双方提供共同语言。</p>',
    visibility: 'public',
    tags: ['数据中心', '运维'],
    daysAgo: 9,
  },
  {
    category: 'monthly_report',
    title: 'ITSS 分会工作月报（会员版）',
    summary: '本月标准研制进展、符合性评估情况与会员活动安排，仅向会员单位开放。',
    body:
      '<h2>标准研制</h2><p>多项信息技术服务标准完成征求意见稿，委员单位可参与草案表决。</p>' +
      '<h2>应用推广</h2><p>本月组织宣贯培训两期，覆盖会员单位技术骨干。</p>' +
      '<h2>会员活动</h2><p>ITSS 会议周报名已开启，会员单位享有优先参与权。</p>',
    visibility: 'members',
    tags: ['月报'],
    daysAgo: 12,
  },
  {
    category: 'journal',
    title: '委员单位专刊：标准草案表决事项说明',
    summary: '面向委员及以上单位，说明本期标准草案的表决范围、时间安排与意见反馈方式。',
    body:
      '<p>按照分会工作安排，委员单位可承担 ITSS 研制修订，对标准草案进行表决。本期表决事项如下：</p>' +
      '<table><thead><tr><th>事项</th><th>时间</th></tr></thead><tbody><tr><td>草案意见反馈</td><td>本月内</td></tr><tr><td>表决</td><td>下月上旬</td></tr></tbody></table>',
    visibility: 'committee',
    tags: ['会刊', '委员'],
    daysAgo: 15,
  },
  {
    category: 'member_showcase',
    title: '会员风采：示例会员单位的运维服务实践',
    summary: '示例会员单位依托 ITSS 运行维护标准建设服务体系，在金融与政务客户中持续提升服务质量。',
    body:
      '<p>示例会员单位是 ITSS 分会委员单位，长期从事信息技术服务、运行维护与系统集成。</p>' +
      '<p>该单位以 ITSS 标准为框架梳理服务目录与服务级别，建立了覆盖事件、问题、变更管理的运维过程，并通过符合性评估检验改进效果。</p>',
    visibility: 'public',
    tags: ['会员风采', '运维'],
    daysAgo: 18,
    aboutDemoUnit: true,
  },
];

/**
 * Development only (the server serves the WeChat stand-in), like the demo unit: a handful of
 * published articles so the news pages are not empty after start. Only into an empty table, so it
 * never mixes with real or test data; production never runs it.
 */
@Injectable()
export class DemoArticlesSeed implements OnModuleInit {
  constructor(
    @InjectRepository(ArticleEntity) private readonly articles: Repository<ArticleEntity>,
    @InjectRepository(ArticleStateChangeEntity)
    private readonly changes: Repository<ArticleStateChangeEntity>,
    private readonly users: UsersService,
    private readonly units: UnitsService,
    private readonly search: ArticleSearch,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.wechat.serveStandin) return;
    if (await this.seed()) new Logger('Demo').log(`Demo articles ready (${DEMO_ARTICLES.length})`);
  }

  @RetryOnConflict()
  @Transactional()
  private async seed(): Promise<boolean> {
    if ((await this.articles.count()) > 0) return false;
    const staff = standinPersona('staff');
    const author = await this.users.findOrCreateByOpenid(staff.openid, {
      unionid: staff.unionid,
      displayName: staff.displayName,
    });
    const demoUnitId = await this.units.idByCreditCode(DEMO_UNIT_CREDIT_CODE);
    const today = now().getTime();
    for (const demo of DEMO_ARTICLES) {
      if (demo.aboutDemoUnit && demoUnitId === null) continue;
      const at = new Date(today - demo.daysAgo * 24 * 60 * 60 * 1000);
      const row = await this.articles.save(
        this.articles.create({
          category: demo.category,
          title: demo.title,
          summary: demo.summary,
          // As staff's saves store it: through the allowlist.
          body: sanitizeArticleHtml(demo.body),
          visibility: demo.visibility,
          state: 'published',
          pinned: demo.pinned ?? false,
          coverFileId: null,
          attachmentFileIds: [],
          tags: demo.tags,
          unitId: demo.aboutDemoUnit ? demoUnitId : null,
          submittedBy: null,
          contentFlagged: false,
          rejectReason: null,
          readCount: 0,
          createdBy: author.id,
          createdAt: at,
          updatedAt: at,
          publishedAt: at,
          decidedAt: null,
        }),
      );
      await this.search.index(row);
      await this.changes.insert([
        { articleId: row.id, state: 'draft', reason: null, actorId: author.id, at },
        { articleId: row.id, state: 'published', reason: null, actorId: author.id, at },
      ]);
    }
    return true;
  }
}
