import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type ApplicationsAction =
  'keepDraft' | 'submit' | 'read' | 'edit' | 'withdraw' | 'review' | 'decide' | 'readLicence';

/**
 * Anyone signed in may apply. An application is the applicant's and staff's to read; only its
 * applicant edits, resubmits or withdraws it; only staff list, export and decide. To anyone else
 * it does not exist.
 */
@Policy()
@Injectable()
export class ApplicationsPolicy implements FeaturePolicy<
  ApplicationsAction,
  { applicantId: number } | undefined
> {
  can(
    actor: RequestContext,
    action: ApplicationsAction,
    application: { applicantId: number } | undefined,
  ): boolean {
    if (!actor.user) return false;
    const isApplicant = application !== undefined && application.applicantId === actor.user.id;
    switch (action) {
      case 'keepDraft':
      case 'submit':
        return true;
      case 'read':
        return isApplicant || isStaff(actor);
      case 'edit':
      case 'withdraw':
        return isApplicant;
      case 'review':
      case 'decide':
      case 'readLicence':
        return isStaff(actor);
    }
  }
}
