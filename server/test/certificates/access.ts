import { type Caller, EVERYONE, type RouteAccess, SIGNED_IN } from '../support/role-matrix';
import type { AuthEnv } from '../support/auth-env';
import { person } from '../support/joining';
import { unitWithPaidBill } from '../dues/receipts-support';
import { paidUnitCertificate } from './support';

let sequence = 0;

/** The caller's own unit, paid for this year; for the anonymous persona an id that looks like one. */
async function paidUnitOf(env: AuthEnv, caller: Caller): Promise<number> {
  if (!caller.token) return 1;
  return (await unitWithPaidBill(env, caller.token)).unitId;
}

/** A real certificate's code (anyone may check it), issued to a unit of a person of its own. */
async function verificationPath(env: AuthEnv): Promise<string> {
  const contact = await person(env, `o_certificate_matrix_${sequence++}`);
  const { certificate } = await paidUnitCertificate(env, contact.token);
  return `/api/certificates/${certificate.code}`;
}

export const ACCESS: RouteAccess[] = [
  // The caller's own unit's certificate; anyone else's is 404 (certificates/certificates.e2e-spec.ts).
  {
    method: 'GET',
    route: '/api/units/:id/certificate',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/units/${await paidUnitOf(env, caller)}/certificate`,
  },
  {
    method: 'GET',
    route: '/api/units/:id/certificate.pdf',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/units/${await paidUnitOf(env, caller)}/certificate.pdf`,
  },
  {
    method: 'GET',
    route: '/api/units/:id/certificate.png',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/units/${await paidUnitOf(env, caller)}/certificate.png`,
  },
  // Public: whoever scanned the QR code.
  {
    method: 'GET',
    route: '/api/certificates/:code',
    allowed: EVERYONE,
    path: (env) => verificationPath(env),
  },
];
