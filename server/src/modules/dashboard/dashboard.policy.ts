import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type DashboardAction = 'read';

/** The branch's numbers are staff's: members' and visitors' own pages show them nothing of others. */
@Policy()
@Injectable()
export class DashboardPolicy implements FeaturePolicy<DashboardAction> {
  /** 工作台's home shows the dashboard. */
  readonly abilities = { readDashboard: (actor: RequestContext) => this.can(actor, 'read') };

  can(actor: RequestContext, _action: DashboardAction): boolean {
    return isStaff(actor);
  }
}
