import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type CampaignAction = 'list' | 'create' | 'readCode';

/** Entry codes are staff's tool; a scan is reported by anyone (see the controller). */
@Policy()
@Injectable()
export class CampaignsPolicy implements FeaturePolicy<CampaignAction> {
  can(actor: RequestContext, _action: CampaignAction): boolean {
    return isStaff(actor);
  }

  readonly abilities = {
    manageCampaigns: (actor: RequestContext) => this.can(actor, 'create'),
  };
}
