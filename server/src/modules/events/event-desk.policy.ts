import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type EventDeskAction = 'report' | 'issueInvoice' | 'readOwn' | 'actOwn' | 'book';

/**
 * The registration office around the core: staff read statistics, export lists and issue invoices;
 * a registration's owner (the booker for a booked seat) asks for an invoice, names the attendee and
 * downloads the calendar entry; a unit's primary contact books seats. To anyone else a
 * registration does not exist.
 */
@Policy()
@Injectable()
export class EventDeskPolicy implements FeaturePolicy<
  EventDeskAction,
  { isOwner: boolean; isPrimaryContact?: boolean }
> {
  can(
    actor: RequestContext,
    action: EventDeskAction,
    subject: { isOwner: boolean; isPrimaryContact?: boolean },
  ): boolean {
    switch (action) {
      case 'report':
      case 'issueInvoice':
        return isStaff(actor);
      case 'readOwn':
        return subject.isOwner || isStaff(actor);
      case 'actOwn':
        return subject.isOwner;
      case 'book':
        return subject.isPrimaryContact === true;
    }
  }
}
