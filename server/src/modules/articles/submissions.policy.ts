import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type SubmissionsAction =
  /** Submit a 会员风采 or 优秀案例 for one's own unit. */
  | 'submit'
  /** Keep one's own unsent submission as a draft: whoever may submit. */
  | 'keepDraft'
  /** List submissions: staff every unit's, a contact their unit's. */
  | 'list'
  /** Read one submission. */
  | 'read'
  /** See what WeChat's content check flagged, and decide. */
  | 'review';

/** The caller's place among units, and the unit of the submission in question. */
export interface SubmissionRelation {
  /** The unit the caller is a contact of, and whether it is an active member; null for anyone else. */
  callerUnit: { id: number; active: boolean } | null;
  submissionUnitId?: number;
}

/**
 * A unit's contacts submit for their own unit while it is an active member, and read their unit's
 * submissions; staff read all of them and decide. To anyone else a submission does not exist.
 */
@Policy()
@Injectable()
export class SubmissionsPolicy implements FeaturePolicy<SubmissionsAction, SubmissionRelation> {
  can(actor: RequestContext, action: SubmissionsAction, relation: SubmissionRelation): boolean {
    if (!actor.user) return false;
    switch (action) {
      case 'submit':
      case 'keepDraft':
        return relation.callerUnit?.active === true;
      case 'list':
        return isStaff(actor) || relation.callerUnit !== null;
      case 'read':
        return (
          isStaff(actor) ||
          (relation.callerUnit !== null && relation.callerUnit.id === relation.submissionUnitId)
        );
      case 'review':
        return isStaff(actor);
    }
  }
}
