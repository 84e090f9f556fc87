import { type RouteAccess, SIGNED_IN, STAFF } from '../support/role-matrix';
import { bookingOf, unitFor } from './desk.booking-matrix';
import { uploadPdf } from '../dues/receipts-support';
import { userIdOf } from '../support/auth-env';
import { bookableFor, insertEvent, insertRegistration, paidSeatOf } from './desk-support';

let sequence = 0;

/** The event each caller books in its check: made by the path, read by the body. */
const bookable = new Map<number, Promise<Awaited<ReturnType<typeof bookableFor>>>>();

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
  {
    method: 'POST',
    route: '/api/events/:id/bookings',
    allowed: SIGNED_IN,
    // The matrix asks for the body first: it makes the event, the path names it.
    body: async (env, caller) => {
      if (caller.userId === null) return { sessionId: 1, unitId: 1, seats: 1 };
      const target = bookableFor(env, await unitFor(env, caller));
      bookable.set(caller.userId, target);
      return (await target).body;
    },
    path: async (_env, caller) =>
      caller.userId === null
        ? '/api/events/1/bookings'
        : `/api/events/${(await bookable.get(caller.userId))!.eventId}/bookings`,
  },
  {
    method: 'POST',
    route: '/api/bookings/:id/pay',
    allowed: SIGNED_IN,
    path: async (env, caller) => `/api/bookings/${(await bookingOf(env, caller, true)).bookingId}/pay`,
  },
  {
    method: 'PATCH',
    route: '/api/registrations/:id/attendee',
    allowed: SIGNED_IN,
    path: async (env, caller) =>
      `/api/registrations/${(await bookingOf(env, caller)).registrationIds[0]}/attendee`,
    body: () => Promise.resolve({ name: '赵六' }),
  },
  {
    method: 'POST',
    route: '/api/registrations/:id/invoice-request',
    allowed: SIGNED_IN,
    path: async (env, caller) =>
      `/api/registrations/${caller.userId === null ? 1 : (await paidSeatOf(env, caller.userId)).id}/invoice-request`,
    body: () => Promise.resolve({ title: '北京示例信息技术有限公司' }),
  },
  { method: 'GET', route: '/api/events/invoice-requests', allowed: STAFF },
  {
    method: 'POST',
    route: '/api/registrations/:id/invoice',
    allowed: STAFF,
    path: async (env) => {
      const owner = await userIdOf(env, `o_desk_invoice_matrix_${sequence++}`);
      return `/api/registrations/${(await paidSeatOf(env, owner, true)).id}/invoice`;
    },
    body: async (env, caller) => ({
      fileId: caller.token ? await uploadPdf(env, caller.token) : 1,
      number: 'No.20260001',
    }),
  },
  {
    method: 'GET',
    route: '/api/registrations/:id/calendar.ics',
    allowed: SIGNED_IN,
    path: async (env, caller) => {
      if (caller.userId === null) return '/api/registrations/1/calendar.ics';
      const { sessions } = await insertEvent(env);
      return `/api/registrations/${(await insertRegistration(env, sessions[0]!, { userId: caller.userId })).id}/calendar.ics`;
    },
  },
];
