import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  APPLICATION_STATE_MACHINE,
  APPLICATION_STATE_NAMES,
  AWAITING_STAFF_FILTER,
  AWAITING_STAFF_STATES,
  type Application,
  ApplicationError,
  type ApplicationListResponse,
  type ApplicationQueueFilter,
  type ApplicationState,
  type Decision,
  ErrorCode,
  canTransition,
  APPLICATION_PAGE,
} from '@itss/shared';
import { In, type FindOptionsWhere, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { pageById } from '../../common/keyset';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DuesService } from '../dues/dues.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitsService } from '../units/units.service';
import { ApplicationDraftEntity, ApplicationEntity } from './application.entity';
import { ApplicationPresenter } from './application-presenter';
import { ApplicationTransitions } from './application-transitions';
import { applicationsWorkbook } from './applications.export';
import { ApplicationsPolicy } from './applications.policy';

/** The most rows one export holds; the branch receives a few hundred applications a year. */
export const EXPORT_MAX_ROWS = 10_000;

const DECIDED_STATE: Record<Decision, ApplicationState> = {
  approve: 'approved',
  reject: 'rejected',
  needs_info: 'needs_info',
};

const NOTICE_TITLE: Record<Decision, string> = {
  approve: '入会申请已通过',
  reject: '入会申请未通过',
  needs_info: '入会申请需补充材料',
};

/** Staff often end a reason with its own full stop; the message adds one only where it is missing. */
function sentence(text: string | null): string {
  const trimmed = (text ?? '').trim();
  return /[。！？.!?]$/.test(trimmed) ? trimmed : `${trimmed}。`;
}

function noticeBody(decision: Decision, unitName: string, reason: string | null): string {
  switch (decision) {
    case 'approve':
      return `${unitName}的入会申请已通过，欢迎加入！可在“我的”中查看会员单位和会费账单。`;
    case 'reject':
      return `${unitName}的入会申请未通过。原因：${reason ?? ''}`;
    case 'needs_info':
      return `${unitName}的入会申请需补充材料：${sentence(reason)}请修改后重新提交。`;
  }
}

const detailPage = (id: number): string => `${APPLICATION_PAGE}?id=${id}`;

/**
 * Staff's side: the review list and its export, the decision (with the member unit and first bill
 * an approval makes) and the campaigns' share of the funnel.
 */
@Injectable()
export class ApplicationReviewService implements OnModuleInit {
  constructor(
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
    @InjectRepository(ApplicationDraftEntity) private readonly drafts: Repository<ApplicationDraftEntity>,
    private readonly policy: ApplicationsPolicy,
    private readonly units: UnitsService,
    private readonly dues: DuesService,
    private readonly campaigns: CampaignsService,
    private readonly notifications: NotificationsService,
    private readonly transitions: ApplicationTransitions,
    private readonly presenter: ApplicationPresenter,
  ) {}

  onModuleInit(): void {
    this.campaigns.countApplicationsWith((campaignIds) => this.countByCampaign(campaignIds));
  }

  async list(
    ctx: SignedInContext,
    query: { state?: ApplicationQueueFilter; campaignId?: number; limit: number; cursor?: string },
  ): Promise<ApplicationListResponse> {
    authorize(this.policy, ctx, 'review', undefined);
    // Ids grow with submission time: the id is the keyset of "oldest first".
    const { page, nextCursor } = await pageById(this.applications, this.filterOf(query), query, 'ASC');
    return {
      items: await this.presenter.summaries(ctx, page),
      nextCursor,
      pending: await this.applications.countBy({ state: In([...AWAITING_STAFF_STATES]) }),
    };
  }

  /** The filtered list, oldest first, as an .xlsx workbook. */
  async export(
    ctx: SignedInContext,
    query: { state?: ApplicationQueueFilter; campaignId?: number },
  ): Promise<Buffer> {
    authorize(this.policy, ctx, 'review', undefined);
    const rows = await this.applications.find({
      where: this.filterOf(query),
      order: { id: 'ASC' },
      take: EXPORT_MAX_ROWS,
    });
    return applicationsWorkbook(await this.presenter.presentMany(ctx, rows, false));
  }

  private filterOf(query: {
    state?: ApplicationQueueFilter;
    campaignId?: number;
  }): FindOptionsWhere<ApplicationEntity> {
    return {
      ...(query.state && {
        state: query.state === AWAITING_STAFF_FILTER ? In([...AWAITING_STAFF_STATES]) : query.state,
      }),
      ...(query.campaignId !== undefined && { campaignId: query.campaignId }),
    };
  }

  /**
   * A staff decision in one transaction: on approval the member unit, its primary contact and first
   * bill with the decision, its history entry, audit entries and in-app message; a failure anywhere
   * leaves none. The row lock makes two staff deciding at once run one after the other: the second
   * sees the first's decision and is refused. The applicant's WeChat message goes out only after
   * the decision has committed, and its failure never undoes the decision.
   */
  @RetryOnConflict()
  @Transactional()
  async decide(
    ctx: SignedInContext,
    id: number,
    decision: Decision,
    reason: string | null,
  ): Promise<Application> {
    authorize(this.policy, ctx, 'decide', undefined);
    await lockRows(this.applications, [id]);
    const row = await this.applications.findOneBy({ id });
    if (!row) throw new AppError(ErrorCode.NotFound);
    if (!canTransition(APPLICATION_STATE_MACHINE, row.state, DECIDED_STATE[decision])) {
      throw new AppError(ApplicationError.WrongState);
    }
    if (decision === 'approve') {
      const unit = await this.units.createFromApplication(
        ctx,
        {
          name: row.unitName,
          creditCode: row.creditCode,
          unitType: row.unitType,
          province: row.province,
          city: row.city,
          level: row.level,
        },
        { userId: row.applicantId, name: row.contactName, title: row.contactTitle },
      );
      await this.dues.openFirstBill(ctx, unit.id, row.level);
      row.unitId = unit.id;
    }
    const at = now();
    const state = DECIDED_STATE[decision];
    await this.transitions.transition(ctx, row, state, 'staff', reason, at);
    await this.notifications.notify(row.applicantId, {
      purpose: 'application_decision',
      title: NOTICE_TITLE[decision],
      body: noticeBody(decision, row.unitName, reason),
      page: detailPage(row.id),
      fields: { unitName: row.unitName, result: APPLICATION_STATE_NAMES[state], note: reason ?? '', at },
    });
    return this.presenter.present(ctx, row);
  }

  /** The campaign funnel's share from applications: drafts started, applications submitted, approved. */
  private async countByCampaign(
    campaignIds: number[],
  ): Promise<Map<number, { started: number; submitted: number; approved: number }>> {
    const counts = new Map(campaignIds.map((id) => [id, { started: 0, submitted: 0, approved: 0 }]));
    if (campaignIds.length === 0) return counts;
    const [started, applications] = await Promise.all([
      this.drafts
        .createQueryBuilder('draft')
        .select('draft.campaignId', 'campaignId')
        .addSelect('COUNT(*)', 'n')
        .where('draft.campaignId IN (:...ids)', { ids: campaignIds })
        .groupBy('draft.campaignId')
        .getRawMany<{ campaignId: number; n: number | string }>(),
      this.applications
        .createQueryBuilder('application')
        .select('application.campaignId', 'campaignId')
        .addSelect('application.state', 'state')
        .addSelect('COUNT(*)', 'n')
        .where('application.campaignId IN (:...ids)', { ids: campaignIds })
        .groupBy('application.campaignId')
        .addGroupBy('application.state')
        .getRawMany<{ campaignId: number; state: ApplicationState; n: number | string }>(),
    ]);
    for (const row of started) {
      const entry = counts.get(Number(row.campaignId));
      if (entry) entry.started = Number(row.n);
    }
    for (const row of applications) {
      const entry = counts.get(Number(row.campaignId));
      if (!entry) continue;
      entry.submitted += Number(row.n);
      if (row.state === 'approved') entry.approved += Number(row.n);
    }
    return counts;
  }
}
