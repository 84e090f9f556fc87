import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isAdmin, isStaff } from '../../common/request-context';

export type StaffAction = 'openConsole' | 'list' | 'grant' | 'revoke';

/** Staff work in the console; only admins decide who is staff. */
@Policy()
@Injectable()
export class StaffPolicy implements FeaturePolicy<StaffAction> {
  can(actor: RequestContext, action: StaffAction): boolean {
    switch (action) {
      case 'openConsole':
        return isStaff(actor);
      case 'list':
      case 'grant':
      case 'revoke':
        return isAdmin(actor);
    }
  }

  readonly abilities = {
    openStaffConsole: (actor: RequestContext) => this.can(actor, 'openConsole'),
    manageStaff: (actor: RequestContext) => this.can(actor, 'grant') && this.can(actor, 'revoke'),
  };
}
