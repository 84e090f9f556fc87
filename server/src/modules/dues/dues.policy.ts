import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type DuesAction = 'readBills' | 'manage';

/**
 * A unit's bills are for its contacts and staff; to anyone else the unit does not exist. Fees,
 * settings, opening, waiving and the lists across units are staff's.
 */
@Policy()
@Injectable()
export class DuesPolicy implements FeaturePolicy<DuesAction, { isContact: boolean } | undefined> {
  /** 工作台's 会费 tile. */
  readonly abilities = { manageDues: (actor: RequestContext) => this.can(actor, 'manage', undefined) };

  can(actor: RequestContext, action: DuesAction, unit: { isContact: boolean } | undefined): boolean {
    switch (action) {
      case 'readBills':
        return isStaff(actor) || unit?.isContact === true;
      case 'manage':
        return isStaff(actor);
    }
  }
}
