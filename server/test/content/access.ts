import { EVERYONE, type RouteAccess } from '../support/role-matrix';

export const ACCESS: RouteAccess[] = [
  { method: 'GET', route: '/api/health', allowed: EVERYONE },
  { method: 'GET', route: '/api/association', allowed: EVERYONE },
  { method: 'GET', route: '/api/services', allowed: EVERYONE },
  { method: 'GET', route: '/api/membership/levels', allowed: EVERYONE },
  { method: 'GET', route: '/api/membership/obligations', allowed: EVERYONE },
];
