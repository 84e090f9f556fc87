import {
  billListResponseSchema,
  invitePreviewSchema,
  inviteSchema,
  joinRequestListSchema,
  joinRequestSchema,
  joinedUnitSchema,
  seatLimitsSchema,
  unitImportPreviewSchema,
  unitImportResultSchema,
  unitListResponseSchema,
  unitSchema,
  type BillListResponse,
  type ContactIdentity,
  type CreateUnitRequest,
  type Invite,
  type InvitePreview,
  type JoinRequest,
  type JoinRequestBody,
  type JoinRequestDecision,
  type JoinRequestList,
  type JoinRequestState,
  type JoinedUnit,
  type LevelCode,
  type SeatLimits,
  type Unit,
  type UnitImportPreview,
  type UnitImportResult,
  type UnitListResponse,
  type UnitStatus,
  type UnitStatusChangeRequest,
} from '@itss/shared';
import { exportSheet } from '@/services/download';
import { request } from '@/services/http';
import { uploadMultipart, type PickedFile } from '@/services/upload';
import { queryString } from '@/services/query';

// One unit, its contacts and join requests: the unit's contacts and staff call the same routes.

export function getUnit(id: number): Promise<Unit> {
  return request({ path: `/api/units/${id}`, schema: unitSchema });
}

export function getBills(unitId: number): Promise<BillListResponse> {
  return request({ path: `/api/units/${unitId}/bills`, schema: billListResponseSchema });
}

export function createInvite(unitId: number): Promise<Invite> {
  return request({ path: `/api/units/${unitId}/invites`, method: 'POST', schema: inviteSchema });
}

export function getInvite(token: string): Promise<InvitePreview> {
  return request({ path: `/api/invites/${encodeURIComponent(token)}`, schema: invitePreviewSchema });
}

export function acceptInvite(token: string, identity: ContactIdentity): Promise<JoinedUnit> {
  return request({
    path: `/api/invites/${encodeURIComponent(token)}/accept`,
    method: 'POST',
    data: { ...identity },
    schema: joinedUnitSchema,
  });
}

export function getJoinRequests(unitId: number, state?: JoinRequestState): Promise<JoinRequestList> {
  return request({
    path: `/api/units/${unitId}/join-requests`,
    query: { state },
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

/** The primary contact or staff remove a colleague, or a contact removes themself (退出单位). */
export function removeContact(unitId: number, userId: number): Promise<void> {
  return request({ path: `/api/units/${unitId}/contacts/${userId}`, method: 'DELETE' });
}

export function handOverPrimary(unitId: number, userId: number): Promise<void> {
  return request({ path: `/api/units/${unitId}/primary-contact`, method: 'POST', data: { userId } });
}

/** A colleague asks to join a unit they found in 会员名录. */
export function requestToJoin(unitId: number, body: JoinRequestBody): Promise<JoinRequest> {
  return request({
    path: `/api/units/${unitId}/join-requests`,
    method: 'POST',
    data: { ...body },
    schema: joinRequestSchema,
  });
}

/** The person's own join requests, newest first. */
export function getMyJoinRequests(): Promise<JoinRequestList> {
  return request({ path: '/api/join-requests/mine', schema: joinRequestListSchema });
}

// Staff: the units list, new units, the import and seat limits.

/** The staff list's filters as the pages hold them; absent means "any". */
export interface UnitFilters {
  q?: string;
  level?: LevelCode;
  status?: UnitStatus;
}

export const UNIT_PAGE_SIZE = 20;

export function getUnits(
  filters: UnitFilters,
  cursor: string | null,
  limit = UNIT_PAGE_SIZE,
): Promise<UnitListResponse> {
  return request({
    path: '/api/units',
    query: { ...filters, limit, cursor },
    schema: unitListResponseSchema,
  });
}

/** The export route's path with the list's filters, for downloading with the token. */
export function unitsExportPath(filters: UnitFilters): string {
  return `/api/units/export${queryString({ ...filters })}`;
}

/** `body` is what `createUnitRequestSchema.safeParse` returned, sent as it is. */
export function createUnit(body: CreateUnitRequest): Promise<Unit> {
  return request({ path: '/api/units', method: 'POST', data: body, schema: unitSchema });
}

export function changeUnitStatus(id: number, body: UnitStatusChangeRequest): Promise<Unit> {
  return request({ path: `/api/units/${id}/status`, method: 'PATCH', data: body, schema: unitSchema });
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

/** The import template: downloaded on H5, opened in WeChat's viewer (to share or save) on weapp. */
export function downloadImportTemplate(): Promise<void> {
  return exportSheet('/api/units/import/template', '会员单位导入模板');
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
