import { createHash } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  APPLICATION_STATE_NAMES,
  type Application,
  type ApplicationBodyParsed,
  type ApplicationDraft,
  type ApplicationDraftResponse,
  ApplicationError,
  type ApplicationListResponse,
  type ApplicationState,
  type ApplicationSummary,
  CONSENT_VERSIONS,
  type Decision,
  ErrorCode,
  type MyApplicationsResponse,
  OPEN_APPLICATION_STATES,
  checkUscc,
  errorMessage,
  levelByCode,
  maskPhone,
  APPLICATION_PAGE,
} from '@itss/shared';
import { In, MoreThan, type FindOptionsWhere, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import { type RequestContext, type SignedInContext, isStaff } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DuesService } from '../dues/dues.service';
import { FilesService } from '../files/files.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import {
  ApplicationDraftEntity,
  ApplicationEntity,
  ApplicationHistoryEntity,
  ApplicationSubmissionEntity,
} from './application.entity';
import { applicationsWorkbook } from './applications.export';
import { ApplicationsPolicy } from './applications.policy';

/**
 * Now, in the whole seconds a MariaDB DATETIME keeps: the answer to a write then shows the same
 * times as every later read.
 */
function now(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

/** The files feature's name for what owns a licence. */
const LICENCE_OWNER = 'application';
/** States staff decide on: waiting for them. */
const AWAITING_STAFF: ApplicationState[] = ['submitted', 'resubmitted'];
/** The most rows one export holds; the branch receives a few hundred applications a year. */
export const EXPORT_MAX_ROWS = 10_000;

/** Where the first open application stands, in words for a second applicant (nothing else of it). */
const WHERE_IT_STANDS: Partial<Record<ApplicationState, string>> = {
  submitted: '该单位的入会申请正在审核中，请勿重复提交',
  resubmitted: '该单位的入会申请已重新提交，正在审核中，请勿重复提交',
  needs_info: '该单位的入会申请正等待补充材料，请在“我的申请”中补充后重新提交',
};

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

function noticeBody(decision: Decision, unitName: string, reason: string | null): string {
  switch (decision) {
    case 'approve':
      return `${unitName}的入会申请已通过，欢迎加入！可在“我的”中查看会员单位和会费账单。`;
    case 'reject':
      return `${unitName}的入会申请未通过。原因：${reason ?? ''}`;
    case 'needs_info':
      return `${unitName}的入会申请需补充材料：${reason ?? ''}。请修改后重新提交。`;
  }
}

export const detailPage = (id: number): string => `${APPLICATION_PAGE}?id=${id}`;

/** What the applicant typed, as stored on the application row. */
function fieldsOf(body: ApplicationBodyParsed): Partial<ApplicationEntity> {
  return {
    unitName: body.unitName,
    creditCode: body.creditCode,
    unitType: body.unitType,
    province: body.province,
    city: body.city,
    address: body.address,
    legalRepresentative: body.legalRepresentative,
    contactName: body.contact.name,
    contactTitle: body.contact.title,
    contactMobile: body.contact.mobile,
    contactEmail: body.contact.email,
    level: body.level,
    annualFeeYuan: levelByCode(body.level).annualFeeYuan,
    businessDescription: body.businessDescription,
    itssConformityLevel: body.itssConformityLevel ?? null,
    licenceFileId: body.licenceFileId,
    rulesVersion: CONSENT_VERSIONS.rules,
    privacyVersion: CONSENT_VERSIONS.privacy,
  };
}

/** A stable fingerprint of a submission, to tell a retry from a reused Idempotency-Key. */
function hashOf(body: ApplicationBodyParsed): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

function licenceInvalid(): AppError {
  const message = errorMessage(ApplicationError.LicenceInvalid);
  return new AppError(ApplicationError.LicenceInvalid, message, [{ path: 'licenceFileId', message }]);
}

/** The one writer of applications, their history, drafts and idempotency keys. */
@Injectable()
export class ApplicationsService implements OnModuleInit {
  constructor(
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
    @InjectRepository(ApplicationHistoryEntity)
    private readonly history: Repository<ApplicationHistoryEntity>,
    @InjectRepository(ApplicationSubmissionEntity)
    private readonly submissions: Repository<ApplicationSubmissionEntity>,
    @InjectRepository(ApplicationDraftEntity) private readonly drafts: Repository<ApplicationDraftEntity>,
    private readonly policy: ApplicationsPolicy,
    private readonly files: FilesService,
    private readonly units: UnitsService,
    private readonly dues: DuesService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly campaigns: CampaignsService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    // The applicant reads the licence as its uploader; staff read it to review the application.
    this.files.allowReaders(LICENCE_OWNER, (actor) =>
      Promise.resolve(this.policy.can(actor, 'readLicence', undefined)),
    );
    this.audit.nameTargets('application', async (ids) => {
      const rows = await this.applications.findBy({ id: In(ids) });
      return new Map(rows.map((row) => [row.id, row.unitName]));
    });
    this.campaigns.countApplicationsWith((campaignIds) => this.countByCampaign(campaignIds));
  }

  // ——— drafts ———

  async getDraft(ctx: SignedInContext): Promise<ApplicationDraftResponse> {
    authorize(this.policy, ctx, 'keepDraft', undefined);
    return this.draftResponse(await this.drafts.findOneBy({ userId: ctx.user.id }));
  }

  @RetryOnConflict()
  @Transactional()
  async saveDraft(ctx: SignedInContext, draft: ApplicationDraft): Promise<ApplicationDraftResponse> {
    authorize(this.policy, ctx, 'keepDraft', undefined);
    const campaign = draft.campaignScene ? await this.campaigns.findByScene(draft.campaignScene) : null;
    const found = await this.drafts.findOneBy({ userId: ctx.user.id });
    // Insert when missing: a concurrent first save makes this a duplicate, and the rerun updates.
    const row = found ?? this.drafts.create({ userId: ctx.user.id, campaignId: null });
    row.data = JSON.stringify(draft);
    row.campaignId = campaign?.id ?? row.campaignId;
    row.updatedAt = now();
    return this.draftResponse(found ? await this.drafts.save(row) : await this.insertDraft(row));
  }

  private async insertDraft(row: ApplicationDraftEntity): Promise<ApplicationDraftEntity> {
    await this.drafts.insert(row);
    return row;
  }

  private draftResponse(row: ApplicationDraftEntity | null): ApplicationDraftResponse {
    return row?.data
      ? { draft: JSON.parse(row.data) as ApplicationDraft, updatedAt: row.updatedAt.toISOString() }
      : { draft: null, updatedAt: null };
  }

  // ——— the applicant ———

  /**
   * Submits an application, once per Idempotency-Key: the same key again answers the application
   * it made (a retry after a lost answer), with another body it is refused. Everything lands in one
   * transaction: the application, its licence, its first history entry, the key and the audit entry.
   */
  @RetryOnConflict()
  @Transactional()
  async submit(
    ctx: SignedInContext,
    idempotencyKey: string,
    body: ApplicationBodyParsed,
  ): Promise<Application> {
    authorize(this.policy, ctx, 'submit', undefined);
    const bodyHash = hashOf(body);
    // The open application is read before the key. Each statement sees what has committed by then
    // (READ COMMITTED), so a retry of this very submission that commits between the two reads is
    // found by its key, never taken for someone else's open application.
    const open = await this.applications.findOneBy({ openCreditCode: body.creditCode });
    const previous = await this.submissions.findOneBy({ userId: ctx.user.id, idempotencyKey });
    if (previous) {
      if (previous.bodyHash !== bodyHash) throw new AppError(ApplicationError.IdempotencyKeyReused);
      return this.present(ctx, await this.applications.findOneByOrFail({ id: previous.applicationId }));
    }
    await this.refuseIfTaken(body.creditCode, null, open);
    if (await this.units.membershipOf(ctx.user.id)) throw new AppError(ApplicationError.ApplicantIsContact);
    const campaign = body.campaignScene ? await this.campaigns.findByScene(body.campaignScene) : null;
    const at = now();
    const row = await this.applications.save(
      this.applications.create({
        ...fieldsOf(body),
        applicantId: ctx.user.id,
        state: 'submitted',
        openCreditCode: body.creditCode,
        campaignId: campaign?.id ?? null,
        unitId: null,
        submittedAt: at,
        updatedAt: at,
      }),
    );
    if (!(await this.files.claim(ctx, body.licenceFileId, { type: LICENCE_OWNER, id: row.id }))) {
      throw licenceInvalid();
    }
    await this.submissions.insert({
      userId: ctx.user.id,
      idempotencyKey,
      bodyHash,
      applicationId: row.id,
      createdAt: at,
    });
    await this.recordTransition(ctx, row, 'applicant', null, at);
    await this.clearDraft(ctx.user.id, campaign?.id ?? null, at);
    return this.present(ctx, row);
  }

  /** The draft has become an application: a fresh form next time, the campaign kept for its funnel. */
  private async clearDraft(userId: number, campaignId: number | null, at: Date): Promise<void> {
    const draft = await this.drafts.findOneBy({ userId });
    if (draft) {
      await this.drafts.update(
        { id: draft.id },
        { data: null, campaignId: draft.campaignId ?? campaignId, updatedAt: at },
      );
    } else {
      await this.drafts.insert({ userId, data: null, campaignId, updatedAt: at });
    }
  }

  /**
   * Refuses a credit code that is a member already or has another open application; the message
   * says where that one stands and nothing else of it.
   */
  private async refuseIfTaken(
    creditCode: string,
    ownId: number | null,
    openRead?: ApplicationEntity | null,
  ): Promise<void> {
    // Open application first: one that is not open any more was closed by a committed decision, so
    // the unit an approval made is then visible to the member check that follows.
    const open =
      openRead !== undefined ? openRead : await this.applications.findOneBy({ openCreditCode: creditCode });
    if (open && open.id !== ownId) {
      throw new AppError(ApplicationError.OpenApplicationExists, WHERE_IT_STANDS[open.state]);
    }
    if (await this.units.isMember(creditCode)) throw new AppError(ApplicationError.AlreadyMember);
  }

  async mine(ctx: SignedInContext): Promise<MyApplicationsResponse> {
    const rows = await this.applications.find({ where: { applicantId: ctx.user.id }, order: { id: 'DESC' } });
    return { items: await this.summaries(ctx, rows) };
  }

  async get(ctx: SignedInContext, id: number): Promise<Application> {
    const row = await this.applications.findOneBy({ id });
    authorize(this.policy, ctx, 'read', row ?? undefined, { hide: true });
    if (!row) throw new AppError(ErrorCode.NotFound);
    return this.present(ctx, row);
  }

  /** The applicant corrects the application staff asked more of; it stays in needs_info until resubmitted. */
  @RetryOnConflict()
  @Transactional()
  async update(ctx: SignedInContext, id: number, body: ApplicationBodyParsed): Promise<Application> {
    const row = await this.lockedForApplicant(ctx, id, 'edit');
    if (row.state !== 'needs_info') throw new AppError(ApplicationError.WrongState);
    if (body.creditCode !== row.creditCode) await this.refuseIfTaken(body.creditCode, row.id);
    if (!(await this.files.claim(ctx, body.licenceFileId, { type: LICENCE_OWNER, id: row.id }))) {
      throw licenceInvalid();
    }
    Object.assign(row, fieldsOf(body), { openCreditCode: body.creditCode, updatedAt: now() });
    return this.present(ctx, await this.applications.save(row));
  }

  /** Back to staff after needs_info; a second resubmission of the same changes nothing. */
  @RetryOnConflict()
  @Transactional()
  async resubmit(ctx: SignedInContext, id: number): Promise<Application> {
    const row = await this.lockedForApplicant(ctx, id, 'edit');
    if (row.state === 'resubmitted') return this.present(ctx, row);
    if (row.state !== 'needs_info') throw new AppError(ApplicationError.WrongState);
    return this.present(ctx, await this.transition(ctx, row, 'resubmitted', 'applicant', null));
  }

  /** The applicant takes back an application before a decision; withdrawing twice changes nothing. */
  @RetryOnConflict()
  @Transactional()
  async withdraw(ctx: SignedInContext, id: number): Promise<Application> {
    const row = await this.lockedForApplicant(ctx, id, 'withdraw');
    if (row.state === 'withdrawn') return this.present(ctx, row);
    if (!OPEN_APPLICATION_STATES.includes(row.state)) throw new AppError(ApplicationError.WrongState);
    return this.present(ctx, await this.transition(ctx, row, 'withdrawn', 'applicant', null));
  }

  /** Locks the application, then checks the caller against what it holds now. */
  private async lockedForApplicant(
    ctx: SignedInContext,
    id: number,
    action: 'edit' | 'withdraw',
  ): Promise<ApplicationEntity> {
    await lockRows(this.applications, [id]);
    const row = await this.applications.findOneBy({ id });
    authorize(this.policy, ctx, action, row ?? undefined, { hide: true });
    if (!row) throw new AppError(ErrorCode.NotFound);
    return row;
  }

  // ——— staff ———

  async list(
    ctx: SignedInContext,
    query: { state?: ApplicationState; campaignId?: number; limit: number; cursor?: string },
  ): Promise<ApplicationListResponse> {
    authorize(this.policy, ctx, 'review', undefined);
    const after = query.cursor === undefined ? 0 : Number(query.cursor);
    if (!Number.isSafeInteger(after) || after < 0 || !/^[0-9]+$/.test(query.cursor ?? '0')) {
      throw new AppError(ErrorCode.ValidationFailed, undefined, [
        { path: 'cursor', message: '翻页参数无效，请从第一页重新加载' },
      ]);
    }
    // Ids grow with submission time: the id is the keyset of "oldest first".
    const rows = await this.applications.find({
      where: { ...this.filterOf(query), id: MoreThan(after) },
      order: { id: 'ASC' },
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      items: await this.summaries(ctx, page),
      nextCursor: rows.length > query.limit ? String(page.at(-1)?.id) : null,
      pending: await this.applications.countBy({ state: In(AWAITING_STAFF) }),
    };
  }

  /** The filtered list, oldest first, as an .xlsx workbook. */
  async export(
    ctx: SignedInContext,
    query: { state?: ApplicationState; campaignId?: number },
  ): Promise<Buffer> {
    authorize(this.policy, ctx, 'review', undefined);
    const rows = await this.applications.find({
      where: this.filterOf(query),
      order: { id: 'ASC' },
      take: EXPORT_MAX_ROWS,
    });
    return applicationsWorkbook(await this.presentMany(ctx, rows, false));
  }

  private filterOf(query: {
    state?: ApplicationState;
    campaignId?: number;
  }): FindOptionsWhere<ApplicationEntity> {
    return {
      ...(query.state && { state: query.state }),
      ...(query.campaignId !== undefined && { campaignId: query.campaignId }),
    };
  }

  /**
   * A staff decision, then the applicant told: the WeChat message goes out only after the decision
   * has committed, and its failure never undoes the decision.
   */
  async decide(
    ctx: SignedInContext,
    id: number,
    decision: Decision,
    reason: string | null,
  ): Promise<Application> {
    const { application, messageIds } = await this.decideAndRecord(ctx, id, decision, reason);
    // The new member is in the public directory once the approval has committed, not before.
    if (decision === 'approve') await this.units.directoryChanged();
    await this.notifications.deliver(messageIds);
    return application;
  }

  /**
   * One transaction: on approval the member unit, its primary contact and first bill with the
   * decision, its history entry, audit entries and in-app message; a failure anywhere leaves none.
   * The row lock makes two staff deciding at once run one after the other: the second sees the
   * first's decision and is refused.
   */
  @RetryOnConflict()
  @Transactional()
  private async decideAndRecord(
    ctx: SignedInContext,
    id: number,
    decision: Decision,
    reason: string | null,
  ): Promise<{ application: Application; messageIds: number[] }> {
    authorize(this.policy, ctx, 'decide', undefined);
    await lockRows(this.applications, [id]);
    const row = await this.applications.findOneBy({ id });
    if (!row) throw new AppError(ErrorCode.NotFound);
    if (!AWAITING_STAFF.includes(row.state)) throw new AppError(ApplicationError.WrongState);
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
    await this.transition(ctx, row, state, 'staff', reason, at);
    const messageId = await this.notifications.notify(row.applicantId, {
      purpose: 'application_decision',
      title: NOTICE_TITLE[decision],
      body: noticeBody(decision, row.unitName, reason),
      page: detailPage(row.id),
      fields: { unitName: row.unitName, result: APPLICATION_STATE_NAMES[state], note: reason ?? '', at },
    });
    return { application: await this.present(ctx, row), messageIds: [messageId] };
  }

  // ——— shared steps ———

  /** Moves the (locked) row to `state`, keeping the history entry and the audit entry with it. */
  private async transition(
    ctx: SignedInContext,
    row: ApplicationEntity,
    state: ApplicationState,
    role: 'applicant' | 'staff',
    note: string | null,
    at = now(),
  ): Promise<ApplicationEntity> {
    row.state = state;
    row.openCreditCode = OPEN_APPLICATION_STATES.includes(state) ? row.creditCode : null;
    row.updatedAt = at;
    const saved = await this.applications.save(row);
    await this.recordTransition(ctx, saved, role, note, at);
    return saved;
  }

  private async recordTransition(
    ctx: SignedInContext,
    row: ApplicationEntity,
    role: 'applicant' | 'staff',
    note: string | null,
    at: Date,
  ): Promise<void> {
    await this.history.insert({
      applicationId: row.id,
      state: row.state,
      at,
      actorId: ctx.user.id,
      actorRole: role,
      note,
    });
    await this.audit.record(ctx, {
      action: `application.${row.state}`,
      target: { type: 'application', id: row.id },
      detail: note ? `${row.unitName}：${note}` : row.unitName,
    });
  }

  private async present(ctx: RequestContext, row: ApplicationEntity): Promise<Application> {
    const [application] = await this.presentMany(ctx, [row], true);
    if (!application) throw new Error(`application ${row.id} could not be presented`);
    return application;
  }

  private async presentMany(
    ctx: RequestContext,
    rows: ApplicationEntity[],
    withHistory: boolean,
  ): Promise<Application[]> {
    const ids = rows.map((row) => row.id);
    const entries =
      withHistory && ids.length
        ? await this.history.find({ where: { applicationId: In(ids) }, order: { id: 'ASC' } })
        : [];
    const staffIds = [...new Set(entries.filter((e) => e.actorRole === 'staff').map((e) => e.actorId))];
    const viewerIsStaff = isStaff(ctx);
    const [licences, campaigns, staffPeople] = await Promise.all([
      this.files.describe(rows.map((row) => row.licenceFileId)),
      this.campaigns.describe(rows.flatMap((row) => (row.campaignId === null ? [] : [row.campaignId]))),
      viewerIsStaff ? this.users.findByIds(staffIds) : Promise.resolve([]),
    ]);
    const staffNames = new Map(staffPeople.map((person) => [person.id, person.displayName]));
    return rows.map((row) => {
      const licence = licences.get(row.licenceFileId);
      if (!licence) throw new Error(`application ${row.id} has no licence file ${row.licenceFileId}`);
      return {
        id: row.id,
        state: row.state,
        unitName: row.unitName,
        creditCode: row.creditCode,
        unitType: row.unitType,
        province: row.province,
        city: row.city,
        address: row.address,
        legalRepresentative: row.legalRepresentative,
        contact: {
          name: row.contactName,
          title: row.contactTitle,
          mobile: row.contactMobile,
          email: row.contactEmail,
        },
        level: row.level,
        annualFeeYuan: row.annualFeeYuan,
        businessDescription: row.businessDescription,
        itssConformityLevel: row.itssConformityLevel,
        licence,
        consents: { rulesVersion: row.rulesVersion, privacyVersion: row.privacyVersion },
        campaign: row.campaignId === null ? null : (campaigns.get(row.campaignId) ?? null),
        submittedAt: row.submittedAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
        history: entries
          .filter((entry) => entry.applicationId === row.id)
          .map((entry) => ({
            state: entry.state,
            at: entry.at.toISOString(),
            // Staff are named to staff; to the applicant they are the department.
            by:
              entry.actorRole === 'applicant'
                ? { role: 'applicant' as const, displayName: row.contactName }
                : { role: 'staff' as const, displayName: staffNames.get(entry.actorId) ?? '会员服务部' },
            note: entry.note,
          })),
        ...(viewerIsStaff && { creditCodeChecksumValid: checkUscc(row.creditCode) === 'valid' }),
        unit: row.unitId === null ? null : { id: row.unitId, name: row.unitName },
      };
    });
  }

  private async summaries(ctx: RequestContext, rows: ApplicationEntity[]): Promise<ApplicationSummary[]> {
    const campaigns = await this.campaigns.describe(
      rows.flatMap((row) => (row.campaignId === null ? [] : [row.campaignId])),
    );
    const viewerIsStaff = isStaff(ctx);
    return rows.map((row) => ({
      id: row.id,
      state: row.state,
      unitName: row.unitName,
      level: row.level,
      contactName: row.contactName,
      contactMobileMasked: maskPhone(row.contactMobile),
      campaign: row.campaignId === null ? null : (campaigns.get(row.campaignId) ?? null),
      submittedAt: row.submittedAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      ...(viewerIsStaff && { creditCodeChecksumValid: checkUscc(row.creditCode) === 'valid' }),
    }));
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
