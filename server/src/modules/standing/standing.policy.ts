import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

/** The caller's place in the unit a request is about. */
export interface StandingRelation {
  isContact: boolean;
  isPrimary: boolean;
}

export type StandingAction = 'read';

/**
 * A unit's standing (level, arrears, the level change it may ask for) is its contacts' and staff's;
 * to anyone else the unit does not exist.
 */
@Policy()
@Injectable()
export class StandingPolicy implements FeaturePolicy<StandingAction, StandingRelation> {
  can(actor: RequestContext, action: StandingAction, unit: StandingRelation): boolean {
    switch (action) {
      case 'read':
        return isStaff(actor) || unit.isContact;
    }
  }
}
