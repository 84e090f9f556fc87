import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type ContactsAction =
  /** Learn that the unit exists at all: its contacts and staff. */
  | 'see'
  /** Invite, list and decide join requests, remove others, hand over the primary role. */
  | 'manage'
  /** Leave the unit: the person themself. */
  | 'leave'
  /** Withdraw a join request: its requester. */
  | 'withdraw'
  /** Seat limits per level. */
  | 'setSeatLimits';

/** The caller's place in the unit the request is about. */
export interface ContactRelation {
  isContact: boolean;
  isPrimary: boolean;
  /** Whether the caller sent the join request in question. */
  isRequester?: boolean;
}

/**
 * The contacts of a unit are its primary contact's to manage, and staff's. Other contacts of the
 * unit see it and may leave it; to anyone else the unit does not exist. A join request is its
 * requester's to withdraw.
 */
@Policy()
@Injectable()
export class ContactsPolicy implements FeaturePolicy<ContactsAction, ContactRelation> {
  can(actor: RequestContext, action: ContactsAction, unit: ContactRelation): boolean {
    switch (action) {
      case 'see':
        return isStaff(actor) || unit.isContact;
      case 'manage':
        return isStaff(actor) || unit.isPrimary;
      case 'leave':
        return unit.isContact;
      case 'withdraw':
        return unit.isRequester === true;
      case 'setSeatLimits':
        return isStaff(actor);
    }
  }
}
