import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';
import type { StandingRelation } from './standing.policy';

export type LevelRequestsAction =
  /** See the unit's requests: its contacts and staff. */
  | 'see'
  /** Request a level change or withdraw one: the unit's primary contact only (staff included only as one). */
  | 'request'
  /** List every unit's requests and decide them. */
  | 'decide';

/**
 * A level change is asked for by whoever speaks for the unit (its primary contact) and decided by
 * staff. Other contacts see the requests; to anyone else the unit does not exist.
 */
@Policy()
@Injectable()
export class LevelRequestsPolicy implements FeaturePolicy<LevelRequestsAction, StandingRelation | undefined> {
  can(actor: RequestContext, action: LevelRequestsAction, unit: StandingRelation | undefined): boolean {
    switch (action) {
      case 'see':
        return isStaff(actor) || unit?.isContact === true;
      case 'request':
        return unit?.isPrimary === true;
      case 'decide':
        return isStaff(actor);
    }
  }
}
