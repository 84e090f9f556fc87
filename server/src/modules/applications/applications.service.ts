import { createHash } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  APPLICATION_STATE_MACHINE,
  type Application,
  type ApplicationBodyParsed,
  ApplicationError,
  ApplicationErrorMessage,
  type ApplicationState,
  CONSENT_VERSIONS,
  type DeclaredError,
  ErrorCode,
  type MyApplicationsResponse,
  canTransition,
  errorMessage,
  levelByCode,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { CampaignsService } from '../campaigns/campaigns.service';
import { FilesService } from '../files/files.service';
import { UnitsService } from '../units/units.service';
import { ApplicationEntity, ApplicationSubmissionEntity } from './application.entity';
import { ApplicationDraftsService } from './application-drafts.service';
import { ApplicationPresenter } from './application-presenter';
import { ApplicationTransitions } from './application-transitions';
import { ApplicationsPolicy } from './applications.policy';

/** The files feature's name for what owns a licence. */
const LICENCE_OWNER = 'application';

/** Where the first open application stands, in words for a second applicant (nothing else of it). */
const WHERE_IT_STANDS: Partial<Record<ApplicationState, DeclaredError>> = {
  submitted: ApplicationErrorMessage.OpenSubmitted,
  resubmitted: ApplicationErrorMessage.OpenResubmitted,
  needs_info: ApplicationErrorMessage.OpenNeedsInfo,
};

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
  return new AppError(ApplicationError.LicenceInvalid, [{ path: 'licenceFileId', message }]);
}

/**
 * The applicant's side: submitting (once per Idempotency-Key), reading, correcting after staff
 * asked for more, resubmitting and withdrawing. The one writer of the idempotency keys.
 */
@Injectable()
export class ApplicationsService implements OnModuleInit {
  constructor(
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
    @InjectRepository(ApplicationSubmissionEntity)
    private readonly submissions: Repository<ApplicationSubmissionEntity>,
    private readonly policy: ApplicationsPolicy,
    private readonly files: FilesService,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly campaigns: CampaignsService,
    private readonly drafts: ApplicationDraftsService,
    private readonly transitions: ApplicationTransitions,
    private readonly presenter: ApplicationPresenter,
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
  }

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
      return this.presenter.present(
        ctx,
        await this.applications.findOneByOrFail({ id: previous.applicationId }),
      );
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
    await this.transitions.recordTransition(ctx, row, 'applicant', null, at);
    await this.drafts.clearDraft(ctx.user.id, campaign?.id ?? null, at);
    return this.presenter.present(ctx, row);
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
      throw new AppError(WHERE_IT_STANDS[open.state] ?? ApplicationError.OpenApplicationExists);
    }
    if (await this.units.isMember(creditCode)) throw new AppError(ApplicationError.AlreadyMember);
  }

  async mine(ctx: SignedInContext): Promise<MyApplicationsResponse> {
    const rows = await this.applications.find({ where: { applicantId: ctx.user.id }, order: { id: 'DESC' } });
    return { items: await this.presenter.summaries(ctx, rows) };
  }

  async get(ctx: SignedInContext, id: number): Promise<Application> {
    const row = await this.applications.findOneBy({ id });
    authorize(this.policy, ctx, 'read', row ?? undefined, { hide: true });
    if (!row) throw new AppError(ErrorCode.NotFound);
    return this.presenter.present(ctx, row);
  }

  /** The applicant corrects the application staff asked more of; it stays in needs_info until resubmitted. */
  @RetryOnConflict()
  @Transactional()
  async update(ctx: SignedInContext, id: number, body: ApplicationBodyParsed): Promise<Application> {
    const row = await this.lockedForApplicant(ctx, id, 'edit');
    // Editable while it waits for the applicant to resubmit it.
    if (!canTransition(APPLICATION_STATE_MACHINE, row.state, 'resubmitted')) {
      throw new AppError(ApplicationError.WrongState);
    }
    if (body.creditCode !== row.creditCode) await this.refuseIfTaken(body.creditCode, row.id);
    if (!(await this.files.claim(ctx, body.licenceFileId, { type: LICENCE_OWNER, id: row.id }))) {
      throw licenceInvalid();
    }
    Object.assign(row, fieldsOf(body), { openCreditCode: body.creditCode, updatedAt: now() });
    return this.presenter.present(ctx, await this.applications.save(row));
  }

  /** Back to staff after needs_info; a second resubmission of the same changes nothing. */
  @RetryOnConflict()
  @Transactional()
  async resubmit(ctx: SignedInContext, id: number): Promise<Application> {
    const row = await this.lockedForApplicant(ctx, id, 'edit');
    if (row.state === 'resubmitted') return this.presenter.present(ctx, row);
    if (!canTransition(APPLICATION_STATE_MACHINE, row.state, 'resubmitted')) {
      throw new AppError(ApplicationError.WrongState);
    }
    return this.presenter.present(
      ctx,
      await this.transitions.transition(ctx, row, 'resubmitted', 'applicant', null),
    );
  }

  /** The applicant takes back an application before a decision; withdrawing twice changes nothing. */
  @RetryOnConflict()
  @Transactional()
  async withdraw(ctx: SignedInContext, id: number): Promise<Application> {
    const row = await this.lockedForApplicant(ctx, id, 'withdraw');
    if (row.state === 'withdrawn') return this.presenter.present(ctx, row);
    if (!canTransition(APPLICATION_STATE_MACHINE, row.state, 'withdrawn')) {
      throw new AppError(ApplicationError.WrongState);
    }
    return this.presenter.present(
      ctx,
      await this.transitions.transition(ctx, row, 'withdrawn', 'applicant', null),
    );
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
}
