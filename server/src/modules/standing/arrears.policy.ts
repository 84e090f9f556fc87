import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type ArrearsAction =
  /** The arrears list, one unit's arrears, the president seat. */
  | 'read'
  /** Record a removal. */
  | 'remove';

/** Arrears across units, removals and the president seat are staff's. */
@Policy()
@Injectable()
export class ArrearsPolicy implements FeaturePolicy<ArrearsAction> {
  can(actor: RequestContext, action: ArrearsAction): boolean {
    switch (action) {
      case 'read':
      case 'remove':
        return isStaff(actor);
    }
  }
}
