import { type RouteAccess, STAFF } from '../support/role-matrix';
import { insertEvent } from './desk-support';

/**
 * The registration office's routes beside the core: statistics, the sheet, bookings, invoices and the
 * calendar entry. Routes on a person's own registration make it for the caller; the anonymous
 * persona is refused before anything is looked up, so it is given any id.
 */
export const ACCESS: RouteAccess[] = [
  {
    method: 'GET',
    route: '/api/events/:id/stats',
    allowed: STAFF,
    path: async (env) => `/api/events/${(await insertEvent(env)).event.id}/stats`,
  },
  {
    method: 'GET',
    route: '/api/events/:id/registrations.xlsx',
    allowed: STAFF,
    path: async (env) => `/api/events/${(await insertEvent(env)).event.id}/registrations.xlsx`,
  },
];
