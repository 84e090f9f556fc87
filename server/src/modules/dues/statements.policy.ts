import { Injectable } from '@nestjs/common';
import type { FeaturePolicy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type StatementAction = 'manageStatements';

/** Bank statements say who paid what: staff's alone, uploading, reading, confirming and assigning. */
@Injectable()
export class StatementsPolicy implements FeaturePolicy<StatementAction> {
  can(actor: RequestContext, action: StatementAction): boolean {
    switch (action) {
      case 'manageStatements':
        return isStaff(actor);
    }
  }
}
