import {
  arrearsListResponseSchema,
  levelRequestListResponseSchema,
  levelRequestPageSchema,
  levelRequestSchema,
  presidentSeatSchema,
  unitArrearsSchema,
  unitRemovalSchema,
  unitStandingSchema,
  type ArrearsListResponse,
  type LevelCode,
  type LevelRequest,
  type LevelRequestListResponse,
  type LevelRequestPage,
  type LevelRequestState,
  type PresidentSeat,
  type StoredFile,
  type UnitArrears,
  type UnitRemoval,
  type UnitRemovalRequest,
  type UnitStanding,
} from '@itss/shared';
import { request } from '@/services/http';
import { uploadFile, type PickedFile } from '@/services/upload';

// A unit's contacts: where the unit stands, its level requests.

/** The unit's level, arrears, whether a level change may be asked for now, the open request. */
export function getStanding(unitId: number): Promise<UnitStanding> {
  return request({ path: `/api/units/${unitId}/standing`, schema: unitStandingSchema });
}

/** The unit's level requests, newest first (its contacts and staff). */
export function getUnitLevelRequests(unitId: number): Promise<LevelRequestListResponse> {
  return request({ path: `/api/units/${unitId}/level-requests`, schema: levelRequestListResponseSchema });
}

/** The primary contact asks for the adjacent level; `reason` as typed (the server trims it). */
export function requestLevelChange(
  unitId: number,
  body: { toLevel: LevelCode; reason: string },
): Promise<LevelRequest> {
  return request({
    path: `/api/units/${unitId}/level-requests`,
    method: 'POST',
    data: { ...body },
    schema: levelRequestSchema,
  });
}

/** The primary contact takes back a request still waiting for staff. */
export function withdrawLevelRequest(id: number): Promise<LevelRequest> {
  return request({ path: `/api/level-requests/${id}/withdraw`, method: 'POST', schema: levelRequestSchema });
}

// Staff: the level requests, the president seat, arrears and removal.

export const LEVEL_REQUEST_PAGE_SIZE = 20;

export function getLevelRequests(
  state: LevelRequestState | undefined,
  cursor: string | null,
  limit = LEVEL_REQUEST_PAGE_SIZE,
): Promise<LevelRequestPage> {
  return request({
    path: '/api/level-requests',
    query: { state, cursor, limit },
    schema: levelRequestPageSchema,
  });
}

/** 批准 (no reason needed) or 不批准 (with the reason the unit sees). */
export function decideLevelRequest(
  id: number,
  body: { decision: 'approve' | 'reject'; reason?: string },
): Promise<LevelRequest> {
  return request({
    path: `/api/level-requests/${id}/decisions`,
    method: 'POST',
    data: { ...body },
    schema: levelRequestSchema,
  });
}

/** Who holds the 会长单位 seat, and how many requests for it are open. */
export function getPresidentSeat(): Promise<PresidentSeat> {
  return request({ path: '/api/president-seat', schema: presidentSeatSchema });
}

/** Units with unpaid past-due years, most years first; `proposed` only those proposed for removal. */
export function getArrears(proposed?: boolean): Promise<ArrearsListResponse> {
  return request({
    path: '/api/dues/arrears',
    query: { proposed: proposed ? 'true' : undefined },
    schema: arrearsListResponseSchema,
  });
}

/** One unit's arrears: every bill, the reminders sent, its removal once recorded. */
export function getUnitArrears(unitId: number): Promise<UnitArrears> {
  return request({ path: `/api/units/${unitId}/arrears`, schema: unitArrearsSchema });
}

/** The decision's document goes to POST /api/files first; the removal then names its id. */
export function uploadRemovalDocument(file: PickedFile): Promise<StoredFile> {
  return uploadFile(file);
}

/** `body` is what `unitRemovalRequestSchema.safeParse` returned. */
export function recordRemoval(unitId: number, body: UnitRemovalRequest): Promise<UnitRemoval> {
  return request({
    path: `/api/units/${unitId}/removal`,
    method: 'POST',
    data: { ...body },
    schema: unitRemovalSchema,
  });
}
