import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type EventsAction =
  /** Create, edit, publish and cancel events; see drafts and every registration. */
  'manage';

/** A registration as far as access is concerned: whose it is. */
export interface RegistrationOwner {
  userId: number;
}

export type RegistrationsAction =
  /** Read a registration, its ticket and picture: its registrant and staff. */
  | 'read'
  /** Confirm or cancel it: its registrant only. */
  | 'act'
  /** Cancel another person's registration: staff. */
  | 'cancelAny';

/** Events are staff's to run; published ones are everyone's to read. */
@Policy()
@Injectable()
export class EventsPolicy implements FeaturePolicy<EventsAction> {
  can(actor: RequestContext, action: EventsAction): boolean {
    switch (action) {
      case 'manage':
        return isStaff(actor);
    }
  }
}

/**
 * A registration is its registrant's and staff's; to anyone else it does not exist (404), so
 * nobody learns another person's registration or ticket by trying ids.
 */
@Policy()
@Injectable()
export class RegistrationsPolicy implements FeaturePolicy<RegistrationsAction, RegistrationOwner | null> {
  can(actor: RequestContext, action: RegistrationsAction, registration: RegistrationOwner | null): boolean {
    if (!registration || !actor.user) return false;
    const own = registration.userId === actor.user.id;
    switch (action) {
      case 'read':
        return own || isStaff(actor);
      case 'act':
        return own;
      case 'cancelAny':
        return isStaff(actor);
    }
  }
}
