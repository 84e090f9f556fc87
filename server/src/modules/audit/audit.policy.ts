import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type AuditAction = 'read';

/** The log of staff actions is read by staff; no one may change it (the table refuses it too). */
@Policy()
@Injectable()
export class AuditPolicy implements FeaturePolicy<AuditAction> {
  can(actor: RequestContext, action: AuditAction): boolean {
    switch (action) {
      case 'read':
        return isStaff(actor);
    }
  }

  readonly abilities = { readAuditLog: (actor: RequestContext) => this.can(actor, 'read') };
}
