import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type UnitsAction = 'read' | 'manage';

/** A unit as its rule sees it: whether the caller is one of its contacts. */
export interface UnitRelation {
  isContact: boolean;
}

/**
 * A unit is seen by its own contacts and by staff; to anyone else it does not exist. Only staff
 * list, record, import, export units and change their status: a contact speaks for the unit, but
 * membership itself is the branch's decision.
 */
@Policy()
@Injectable()
export class UnitsPolicy implements FeaturePolicy<UnitsAction, UnitRelation | undefined> {
  can(actor: RequestContext, action: UnitsAction, unit: UnitRelation | undefined): boolean {
    switch (action) {
      case 'read':
        return isStaff(actor) || unit?.isContact === true;
      case 'manage':
        return isStaff(actor);
    }
  }
}
