import { ownerToken, pngForm } from '../support/joining-access';
import { uploadLicence } from '../support/joining';
import { type RouteAccess, SIGNED_IN } from '../support/role-matrix';

export const ACCESS: RouteAccess[] = [
  { method: 'POST', route: '/api/files', allowed: SIGNED_IN, body: () => Promise.resolve(pngForm()) },
  {
    method: 'GET',
    route: '/api/files/:id',
    allowed: SIGNED_IN,
    // The caller's own upload; another person's is 404 (files.e2e-spec.ts).
    path: async (env, caller) => `/api/files/${await uploadLicence(env, await ownerToken(env, caller))}`,
  },
];
