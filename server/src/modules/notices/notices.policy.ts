import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type NoticeAction = 'send' | 'read';

/** Notices are staff's: they send them and follow their delivery; members meet them in 消息 only. */
@Policy()
@Injectable()
export class NoticesPolicy implements FeaturePolicy<NoticeAction, object> {
  can(actor: RequestContext, _action: NoticeAction, _notice: object): boolean {
    return isStaff(actor);
  }
}
