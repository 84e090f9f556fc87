import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type GroupsAction = 'manage' | 'enter' | 'readCode';

/** What the code rule needs to know about the caller and one group. */
export interface CodeAccess {
  /** A contact of an active unit at or above the group's level, and the group has a current code. */
  mayEnter: boolean;
}

/**
 * Staff keep the groups, their codes, the to-dos and 待移出群聊. Anyone signed in may ask for the
 * way in (the service answers who is a member); a group's code is shown to staff and to those who
 * may enter it, and to no one else even by its address.
 */
@Policy()
@Injectable()
export class GroupsPolicy implements FeaturePolicy<GroupsAction, CodeAccess | undefined> {
  can(actor: RequestContext, action: GroupsAction, code: CodeAccess | undefined): boolean {
    if (!actor.user) return false;
    switch (action) {
      case 'manage':
        return isStaff(actor);
      case 'enter':
        return true;
      case 'readCode':
        return isStaff(actor) || code?.mayEnter === true;
    }
  }
}
