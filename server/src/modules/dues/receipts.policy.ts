import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type ReceiptAction = 'read' | 'request' | 'issue';

/**
 * A bill's 会费票据: its unit's contacts ask for it and download it, staff issue it and read every
 * one. To anyone else the bill does not exist.
 */
@Policy()
@Injectable()
export class ReceiptsPolicy implements FeaturePolicy<ReceiptAction, { isContact: boolean }> {
  can(actor: RequestContext, action: ReceiptAction, bill: { isContact: boolean }): boolean {
    switch (action) {
      case 'read':
        return isStaff(actor) || bill.isContact;
      case 'request':
        return bill.isContact;
      case 'issue':
        return isStaff(actor);
    }
  }
}
