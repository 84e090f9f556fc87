import type { RouteAccess } from '../support/role-matrix';

export const ACCESS: RouteAccess[] = [{ method: 'GET', route: '/api/audit', allowed: ['staff', 'admin'] }];
