import {
  inviteSchema,
  joinRequestListSchema,
  joinRequestSchema,
  seatLimitsSchema,
  unitImportPreviewSchema,
  unitImportResultSchema,
  unitListResponseSchema,
  unitSchema,
  type CreateUnitRequest,
  type Invite,
  type JoinRequest,
  type JoinRequestDecision,
  type JoinRequestList,
  type JoinRequestState,
  type LevelCode,
  type SeatLimits,
  type Unit,
  type UnitImportPreview,
  type UnitImportResult,
  type UnitListResponse,
  type UnitStatus,
  type UnitStatusChangeRequest,
} from '@itss/shared';
import { request } from './http';
import { uploadMultipart, type PickedFile } from './upload';

/** The staff list's filters as the pages hold them; absent means "any". */
export interface UnitFilters {
  q?: string;
  level?: LevelCode;
  status?: UnitStatus;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const pairs = Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

export const UNIT_PAGE_SIZE = 20;

export function getUnits(filters: UnitFilters, cursor: string | null): Promise<UnitListResponse> {
  const path = `/api/units${query({ ...filters, limit: UNIT_PAGE_SIZE, cursor })}`;
  return request({ path, schema: unitListResponseSchema });
}

/** The export route's path with the list's filters, for downloading with the token. */
export function unitsExportPath(filters: UnitFilters): string {
  return `/api/units/export${query({ ...filters })}`;
}

/** `body` is what `createUnitRequestSchema.safeParse` returned, sent as it is. */
export function createUnit(body: CreateUnitRequest): Promise<Unit> {
  return request({ path: '/api/units', method: 'POST', data: body, schema: unitSchema });
}

export function changeUnitStatus(id: number, body: UnitStatusChangeRequest): Promise<Unit> {
  return request({ path: `/api/units/${id}/status`, method: 'PATCH', data: body, schema: unitSchema });
}

export function createInvite(unitId: number): Promise<Invite> {
  return request({ path: `/api/units/${unitId}/invites`, method: 'POST', schema: inviteSchema });
}

export function getJoinRequests(unitId: number, state?: JoinRequestState): Promise<JoinRequestList> {
  return request({
    path: `/api/units/${unitId}/join-requests${query({ state })}`,
    schema: joinRequestListSchema,
  });
}

export function decideJoinRequest(
  unitId: number,
  requestId: number,
  body: JoinRequestDecision,
): Promise<JoinRequest> {
  return request({
    path: `/api/units/${unitId}/join-requests/${requestId}/decisions`,
    method: 'POST',
    data: body,
    schema: joinRequestSchema,
  });
}

export function removeContact(unitId: number, userId: number): Promise<void> {
  return request({ path: `/api/units/${unitId}/contacts/${userId}`, method: 'DELETE' });
}

export function handOverPrimary(unitId: number, userId: number): Promise<void> {
  return request({ path: `/api/units/${unitId}/primary-contact`, method: 'POST', data: { userId } });
}

/** Uploads the sheet: every row is checked and nothing is written until the preview is confirmed. */
export function previewImport(file: PickedFile): Promise<UnitImportPreview> {
  return uploadMultipart({
    path: '/api/units/import',
    method: 'POST',
    file,
    schema: unitImportPreviewSchema,
  });
}

export function confirmImport(importId: string): Promise<UnitImportResult> {
  return request({
    path: `/api/units/import/${encodeURIComponent(importId)}/confirm`,
    method: 'POST',
    schema: unitImportResultSchema,
  });
}

export function getSeatLimits(): Promise<SeatLimits> {
  return request({ path: '/api/units/seat-limits', schema: seatLimitsSchema });
}

export function putSeatLimits(body: SeatLimits): Promise<SeatLimits> {
  return request({ path: '/api/units/seat-limits', method: 'PUT', data: body, schema: seatLimitsSchema });
}
