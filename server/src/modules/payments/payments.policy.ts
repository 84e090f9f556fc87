import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type PaymentsAction = 'record' | 'refund' | 'sync';

/**
 * Staff record bank transfers and refund; a payment's payer and staff may ask where it stands. To
 * anyone else a payment does not exist.
 */
@Policy()
@Injectable()
export class PaymentsPolicy implements FeaturePolicy<
  PaymentsAction,
  { payerUserId: number | null } | undefined
> {
  can(actor: RequestContext, action: PaymentsAction, payment?: { payerUserId: number | null }): boolean {
    switch (action) {
      case 'record':
      case 'refund':
        return isStaff(actor);
      case 'sync':
        return isStaff(actor) || (actor.user !== null && payment?.payerUserId === actor.user.id);
    }
  }
}
