import { type RouteAccess, STAFF } from '../support/role-matrix';

/** The branch's figures: staff and admins only (members and visitors 403, dashboard.e2e-spec.ts). */
export const ACCESS: RouteAccess[] = [{ method: 'GET', route: '/api/dashboard', allowed: STAFF }];
