import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type UnitsAction = 'read';

/** A unit as its rule sees it: whether the caller is one of its contacts. */
export interface UnitRelation {
  isContact: boolean;
}

/** A unit is seen by its own contacts and by staff; to anyone else it does not exist. */
@Policy()
@Injectable()
export class UnitsPolicy implements FeaturePolicy<UnitsAction, UnitRelation> {
  can(actor: RequestContext, action: UnitsAction, unit: UnitRelation): boolean {
    switch (action) {
      case 'read':
        return isStaff(actor) || unit.isContact;
    }
  }
}
