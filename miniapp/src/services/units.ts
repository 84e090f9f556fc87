import {
  billListResponseSchema,
  directoryResponseSchema,
  invitePreviewSchema,
  inviteSchema,
  joinRequestListSchema,
  joinRequestSchema,
  joinedUnitSchema,
  unitSchema,
  type BillListResponse,
  type ContactIdentity,
  type DirectoryResponse,
  type Invite,
  type InvitePreview,
  type JoinRequest,
  type JoinRequestBody,
  type JoinRequestList,
  type JoinedUnit,
  type LevelCode,
  type Unit,
} from '@itss/shared';
import { request } from './http';

export function getUnit(id: number): Promise<Unit> {
  return request({ path: `/api/units/${id}`, schema: unitSchema });
}

export function getBills(unitId: number): Promise<BillListResponse> {
  return request({ path: `/api/units/${unitId}/bills`, schema: billListResponseSchema });
}

/** The public 会员名录, one page; `q` and `level` narrow it, `cursor` continues it. */
export function getDirectory(
  filters: { q?: string; level?: LevelCode },
  cursor: string | null,
): Promise<DirectoryResponse> {
  // Built by hand: WeChat's logic layer has no URLSearchParams.
  const query = Object.entries({ q: filters.q, level: filters.level, cursor })
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join('&');
  return request({ path: `/api/directory${query ? `?${query}` : ''}`, schema: directoryResponseSchema });
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

export function getPendingJoinRequests(unitId: number): Promise<JoinRequestList> {
  return request({
    path: `/api/units/${unitId}/join-requests?state=pending`,
    schema: joinRequestListSchema,
  });
}

export function decideJoinRequest(
  unitId: number,
  requestId: number,
  decision: 'approve' | 'decline',
): Promise<void> {
  return request({
    path: `/api/units/${unitId}/join-requests/${requestId}/decisions`,
    method: 'POST',
    data: { decision },
  });
}

/** The primary contact removes a colleague, or a contact removes themself (退出单位). */
export function removeContact(unitId: number, userId: number): Promise<void> {
  return request({ path: `/api/units/${unitId}/contacts/${userId}`, method: 'DELETE' });
}

export function handOverPrimary(unitId: number, userId: number): Promise<void> {
  return request({ path: `/api/units/${unitId}/primary-contact`, method: 'POST', data: { userId } });
}

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
