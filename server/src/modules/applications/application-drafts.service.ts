import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import type { ApplicationDraft, ApplicationDraftResponse } from '@itss/shared';
import type { Repository } from 'typeorm';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ApplicationDraftEntity } from './application.entity';
import { ApplicationsPolicy } from './applications.policy';

/**
 * The form as the applicant left it, one per person, kept across devices until they submit; the
 * row stays (emptied) so the campaign that brought them is counted in its funnel.
 */
@Injectable()
export class ApplicationDraftsService {
  constructor(
    @InjectRepository(ApplicationDraftEntity) private readonly drafts: Repository<ApplicationDraftEntity>,
    private readonly policy: ApplicationsPolicy,
    private readonly campaigns: CampaignsService,
  ) {}

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

  /** The draft has become an application: a fresh form next time, the campaign kept for its funnel. */
  async clearDraft(userId: number, campaignId: number | null, at: Date): Promise<void> {
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
}
