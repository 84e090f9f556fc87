import { EVERYONE, type RouteAccess, STAFF } from '../support/role-matrix';
import { createCampaign } from './support';

export const ACCESS: RouteAccess[] = [
  { method: 'GET', route: '/api/campaigns', allowed: STAFF },
  { method: 'POST', route: '/api/campaigns', allowed: STAFF, body: () => Promise.resolve({ name: '海报' }) },
  {
    method: 'POST',
    route: '/api/campaigns/scans',
    allowed: EVERYONE,
    body: async (env) => ({ scene: (await createCampaign(env)).scene }),
  },
  {
    method: 'GET',
    route: '/api/campaigns/:id/code.png',
    allowed: STAFF,
    path: async (env) => `/api/campaigns/${(await createCampaign(env)).id}/code.png`,
  },
];
