import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type DuesAction = 'readBills';

/** A unit's bills are for its contacts and staff; to anyone else the unit does not exist. */
@Policy()
@Injectable()
export class DuesPolicy implements FeaturePolicy<DuesAction, { isContact: boolean }> {
  can(actor: RequestContext, action: DuesAction, unit: { isContact: boolean }): boolean {
    switch (action) {
      case 'readBills':
        return isStaff(actor) || unit.isContact;
    }
  }
}
