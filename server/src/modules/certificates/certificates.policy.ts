import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type CertificateAction = 'read';

/**
 * A unit's certificate is for its contacts and staff; to anyone else the unit does not exist. The
 * verification by code is public and answers no more than the certificate itself shows.
 */
@Policy()
@Injectable()
export class CertificatesPolicy implements FeaturePolicy<CertificateAction, { isContact: boolean }> {
  readonly abilities = {};

  can(actor: RequestContext, _action: CertificateAction, unit: { isContact: boolean }): boolean {
    return isStaff(actor) || unit.isContact;
  }
}
