import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import type { RequestContext } from '../../common/request-context';

export type MessageAction = 'read';

/** A message is its recipient's alone: staff do not read people's inboxes. */
@Policy()
@Injectable()
export class NotificationsPolicy implements FeaturePolicy<MessageAction, { userId: number }> {
  can(actor: RequestContext, _action: MessageAction, message: { userId: number }): boolean {
    return actor.user !== null && actor.user.id === message.userId;
  }
}
