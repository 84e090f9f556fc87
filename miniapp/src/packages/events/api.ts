import {
  checkInResponseSchema,
  eventDetailSchema,
  eventPageSchema,
  eventStatsSchema,
  materialListSchema,
  registrationPageSchema,
  type CheckIn,
  type CheckInResponse,
  type EventCreate,
  type EventDetail,
  type EventKind,
  type EventPage,
  type EventState,
  type EventStats,
  type EventUpdate,
  type RegistrationPage,
  type STAFF_REGISTRATION_FILTERS,
} from '@itss/shared';
import type { z } from 'zod';
import { exportSheet } from '@/services/download';
import { request } from '@/services/http';
import { queryString } from '@/services/query';
import { uploadFile, type PickedFile } from '@/services/upload';

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
