import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

/** The caller's place in what happens at and after an event. */
export interface AttendanceRelation {
  /** The registration is the caller's own. */
  isOwner: boolean;
  /** The caller holds a live (not cancelled) registration of the event. */
  isRegistrant: boolean;
}

export type AttendanceAction =
  'check_in' | 'walk_in' | 'add_material' | 'read_materials' | 'read_certificate' | 'answer_survey';

export const NOBODY: AttendanceRelation = { isOwner: false, isRegistrant: false };

/**
 * The door (scanning, walk-ins) and materials uploads are staff's; a certificate of attendance is
 * its attendee's and staff's; the survey is the attendee's own; materials are for the event's
 * registrants and staff. To anyone else those registrations and materials do not exist.
 */
@Policy()
@Injectable()
export class AttendancePolicy implements FeaturePolicy<AttendanceAction, AttendanceRelation> {
  can(actor: RequestContext, action: AttendanceAction, relation: AttendanceRelation): boolean {
    switch (action) {
      case 'check_in':
      case 'walk_in':
      case 'add_material':
        return isStaff(actor);
      case 'read_materials':
        return isStaff(actor) || relation.isRegistrant;
      case 'read_certificate':
        return isStaff(actor) || relation.isOwner;
      case 'answer_survey':
        return relation.isOwner;
    }
  }
}
