import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type DesktopLoginAction = 'scan' | 'confirm' | 'cancel';

/**
 * The desktop 工作台 is staff's: only staff may let a browser in, and only as themselves. No ability of
 * its own: the mini-program offers the confirmation to whoever `openStaffConsole` names.
 */
@Policy()
@Injectable()
export class DesktopLoginsPolicy implements FeaturePolicy<DesktopLoginAction> {
  can(actor: RequestContext, _action: DesktopLoginAction): boolean {
    return isStaff(actor);
  }
}
