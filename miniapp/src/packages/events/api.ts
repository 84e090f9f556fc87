import {
  attendanceCertificateSchema,
  bookingCreatedSchema,
  eventDetailSchema,
  eventPageSchema,
  materialListSchema,
  registrationCancelResultSchema,
  registrationConfirmResultSchema,
  registrationCreatedSchema,
  registrationListSchema,
  registrationSchema,
  wechatPayOrderSchema,
  type Attendee,
  type AttendanceCertificate,
  type BookingCreate,
  type EventDetail,
  type EventKind,
  type EventPage,
  type InvoiceRequest,
  type Material,
  type Registration,
  type RegistrationConfirmResult,
  type RegistrationCreate,
  type RegistrationCreated,
  type RegistrationList,
  type SurveyAnswer,
  type WechatPayOrder,
  checkInResponseSchema,
  eventStatsSchema,
  invoiceRequestPageSchema,
  registrationPageSchema,
  type CheckIn,
  type CheckInResponse,
  type EventCreate,
  type EventState,
  type EventStats,
  type EventUpdate,
  type InvoiceRequestPage,
  type RegistrationInvoice,
  type RegistrationPage,
  type STAFF_REGISTRATION_FILTERS,
} from '@itss/shared';
import { request } from '@/services/http';
import type { z } from 'zod';
import { exportSheet } from '@/services/download';
import { queryString } from '@/services/query';
import { uploadFile, type PickedFile } from '@/services/upload';

// Member calls: events, the caller's registrations, tickets and what follows an event.

export const EVENT_PAGE_SIZE = 20;

/** Published events that have not ended, soonest first; a public teaser (signed in or not). */
export function getEvents(kind: EventKind | undefined, cursor: string | null): Promise<EventPage> {
  return request({
    path: '/api/events',
    query: { kind, cursor, limit: EVENT_PAGE_SIZE },
    schema: eventPageSchema,
  });
}

/** The event as the caller sees it: their window, their price and their registrations. */
export function getEvent(id: number): Promise<EventDetail> {
  return request({ path: `/api/events/${id}`, schema: eventDetailSchema });
}

/** `body` is what `registrationCreateSchema.safeParse` returned. */
export function register(eventId: number, body: RegistrationCreate): Promise<RegistrationCreated> {
  return request({
    path: `/api/events/${eventId}/registrations`,
    method: 'POST',
    data: { ...body },
    schema: registrationCreatedSchema,
  });
}

export function getMyRegistrations(): Promise<RegistrationList> {
  return request({ path: '/api/registrations/mine', schema: registrationListSchema });
}

export function getRegistration(id: number): Promise<Registration> {
  return request({ path: `/api/registrations/${id}`, schema: registrationSchema });
}

/** Takes an offered seat (free), or opens the WeChat Pay order of a seat that waits for payment. */
export function confirmRegistration(id: number): Promise<RegistrationConfirmResult> {
  return request({
    path: `/api/registrations/${id}/confirm`,
    method: 'POST',
    schema: registrationConfirmResultSchema,
  });
}

export function cancelRegistration(id: number): Promise<{ state: 'cancelled'; refundFen: number }> {
  return request({
    path: `/api/registrations/${id}/cancel`,
    method: 'POST',
    schema: registrationCancelResultSchema,
  });
}

/** The ticket's QR code, drawn by the server while confirmed; downloaded with the session's token. */
export function ticketImagePath(id: number): string {
  return `/api/registrations/${id}/ticket.png`;
}

/** The session as an .ics file (the browser's 添加到日历), downloaded with the session's token. */
export function calendarPath(id: number): string {
  return `/api/registrations/${id}/calendar.ics`;
}

export function getAttendanceCertificate(id: number): Promise<AttendanceCertificate> {
  return request({ path: `/api/registrations/${id}/certificate`, schema: attendanceCertificateSchema });
}

/** The certificate of attendance as a PDF, downloaded with the session's token. */
export function attendanceCertificatePdfPath(id: number): string {
  return `/api/registrations/${id}/certificate.pdf`;
}

/** `body` is what `surveyAnswerSchema.safeParse` returned. */
export async function answerSurvey(id: number, body: SurveyAnswer): Promise<void> {
  await request({ path: `/api/registrations/${id}/survey`, method: 'POST', data: { ...body } });
}

/** `body` is what `invoiceRequestSchema.safeParse` returned. */
export async function requestInvoice(id: number, body: InvoiceRequest): Promise<void> {
  await request({ path: `/api/registrations/${id}/invoice-request`, method: 'POST', data: { ...body } });
}

/** The event's materials, for those with a live registration (and staff); 404 for others. */
export function getMaterials(eventId: number): Promise<{ items: Material[] }> {
  return request({ path: `/api/events/${eventId}/materials`, schema: materialListSchema });
}

/** A unit's primary contact books seats for colleagues, all or none; `body` is what the schema parsed. */
export function bookSeats(
  eventId: number,
  body: BookingCreate,
): Promise<{ bookingId: number; registrationIds: number[]; state: 'confirmed' | 'awaiting_payment' }> {
  return request({
    path: `/api/events/${eventId}/bookings`,
    method: 'POST',
    data: { ...body },
    schema: bookingCreatedSchema,
  });
}

/** The WeChat Pay order of a booking's seats, one payment for them all. */
export function payBooking(bookingId: number): Promise<WechatPayOrder> {
  return request({ path: `/api/bookings/${bookingId}/pay`, method: 'POST', schema: wechatPayOrderSchema });
}

/** The booker names (or renames) a booked seat's attendee, until registration closes. */
export async function nameAttendee(registrationId: number, body: Attendee): Promise<void> {
  await request({
    path: `/api/registrations/${registrationId}/attendee`,
    method: 'PATCH',
    data: { ...body },
  });
}

// Staff: the events list and editor, registrations, check-in, walk-ins, statistics and materials.

export const STAFF_EVENTS_PAGE_SIZE = 20;

export interface StaffEventFilters {
  state?: EventState;
  kind?: EventKind;
  /** Events ending on or after this Beijing date (YYYY-MM-DD); the server's default is today. */
  from?: string;
}

export function getStaffEvents(filters: StaffEventFilters, cursor: string | null): Promise<EventPage> {
  return request({
    path: '/api/events',
    query: { ...filters, limit: STAFF_EVENTS_PAGE_SIZE, cursor },
    schema: eventPageSchema,
  });
}

/** The event as staff see it (the same route members read; staff get every state). */
export function getEventForStaff(id: number): Promise<EventDetail> {
  return request({ path: `/api/events/${id}`, schema: eventDetailSchema });
}

// Only the new id is relied on: the editor reads the event again after every change.
const createdSchema = eventDetailSchema.pick({ id: true });

export function createEvent(body: EventCreate): Promise<{ id: number }> {
  return request({ path: '/api/events', method: 'POST', data: body, schema: createdSchema });
}

export function updateEvent(id: number, body: EventUpdate): Promise<void> {
  return request({ path: `/api/events/${id}`, method: 'PATCH', data: body });
}

export function publishEvent(id: number): Promise<void> {
  return request({ path: `/api/events/${id}/publish`, method: 'POST' });
}

export function cancelEvent(id: number, reason: string): Promise<void> {
  return request({ path: `/api/events/${id}/cancel`, method: 'POST', data: { reason } });
}

/** The cover goes to POST /api/files; the event takes its id. */
export function uploadEventCover(file: PickedFile): Promise<{ id: number }> {
  return uploadFile(file);
}

export type StaffRegistrationFilter = (typeof STAFF_REGISTRATION_FILTERS)[number];

export interface StaffRegistrationFilters {
  sessionId?: number;
  state?: StaffRegistrationFilter;
}

export const REGISTRATIONS_PAGE_SIZE = 50;

export function getEventRegistrations(
  eventId: number,
  filters: StaffRegistrationFilters,
  cursor: string | null,
): Promise<RegistrationPage> {
  return request({
    path: `/api/events/${eventId}/registrations`,
    query: { ...filters, limit: REGISTRATIONS_PAGE_SIZE, cursor },
    schema: registrationPageSchema,
  });
}

/** The registrations under these filters as a spreadsheet (phones masked, as in the list). */
export function exportEventRegistrations(
  eventId: number,
  filters: StaffRegistrationFilters,
  name: string,
): Promise<void> {
  return exportSheet(`/api/events/${eventId}/registrations.xlsx${queryString({ ...filters })}`, name);
}

/** One scan: always answered with a result while the server is reached (only a malformed body is 400). */
export function checkIn(eventId: number, body: CheckIn): Promise<CheckInResponse> {
  return request({
    path: `/api/events/${eventId}/check-ins`,
    method: 'POST',
    data: { ...body },
    schema: checkInResponseSchema,
  });
}

export interface WalkInBody {
  sessionId: number;
  name: string;
  unitName?: string;
  phone?: string;
}

/** Registered and checked in at the door; a full session is refused (NotEnoughSeats). */
export function registerWalkIn(eventId: number, body: WalkInBody): Promise<void> {
  return request({ path: `/api/events/${eventId}/walk-ins`, method: 'POST', data: { ...body } });
}

export function getEventStats(eventId: number): Promise<EventStats> {
  return request({ path: `/api/events/${eventId}/stats`, schema: eventStatsSchema });
}

export function getEventMaterials(eventId: number): Promise<z.infer<typeof materialListSchema>> {
  return request({ path: `/api/events/${eventId}/materials`, schema: materialListSchema });
}

/** A PDF for registrants: to POST /api/files first, then the event takes its id and title. */
export async function addEventMaterial(eventId: number, file: PickedFile, title: string): Promise<void> {
  const stored = await uploadFile(file);
  await request({
    path: `/api/events/${eventId}/materials`,
    method: 'POST',
    data: { fileId: stored.id, title },
  });
}

export type InvoiceStatus = RegistrationInvoice['status'];

/** Paid seats whose 发票 was asked for, newest first; `status` undefined: both states. */
export function getInvoiceRequests(
  status: InvoiceStatus | undefined,
  cursor: string | null,
  limit?: number,
): Promise<InvoiceRequestPage> {
  return request({
    path: '/api/events/invoice-requests',
    query: { status, cursor, limit },
    schema: invoiceRequestPageSchema,
  });
}

/** The issued 发票: the PDF goes to POST /api/files first, then the registration takes its id. */
export async function issueInvoice(registrationId: number, file: PickedFile, number: string): Promise<void> {
  const stored = await uploadFile(file);
  await request({
    path: `/api/registrations/${registrationId}/invoice`,
    method: 'POST',
    data: { fileId: stored.id, number },
  });
}
