import {
  certificateSchema,
  certificateVerificationSchema,
  type Certificate,
  type CertificateVerification,
} from '@itss/shared';
import { request } from '@/services/http';

// A unit's membership certificate (its contacts and staff), and its public verification (anyone).

/** The unit's certificate of the current year; 409 when its bills are unpaid or it is not active. */
export function getUnitCertificate(unitId: number): Promise<Certificate> {
  return request({ path: `/api/units/${unitId}/certificate`, schema: certificateSchema });
}

/** The certificate as an image (to show and save to the album), downloaded with the session's token. */
export function certificateImagePath(unitId: number): string {
  return `/api/units/${unitId}/certificate.png`;
}

/** The certificate as a one-page PDF, downloaded with the session's token. */
export function certificatePdfPath(unitId: number): string {
  return `/api/units/${unitId}/certificate.pdf`;
}

/**
 * What a certificate's code says now (public: no sign-in, no token sent, so a stale session on a
 * shared browser can neither block nor colour the answer); 404 for a code that names no certificate.
 */
export function verifyCertificate(code: string): Promise<CertificateVerification> {
  return request({
    path: `/api/certificates/${encodeURIComponent(code)}`,
    schema: certificateVerificationSchema,
    auth: false,
  });
}
