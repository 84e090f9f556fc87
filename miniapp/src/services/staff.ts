import {
  auditListResponseSchema,
  staffListResponseSchema,
  staffMemberSchema,
  type AuditListResponse,
  type GrantStaffRequest,
  type StaffListResponse,
  type StaffMember,
} from '@itss/shared';
import { request } from './http';

export function getStaff(): Promise<StaffListResponse> {
  return request({ path: '/api/staff', schema: staffListResponseSchema });
}

/** `body` is what `grantStaffRequestSchema.safeParse` returned, sent as it is. */
export function grantStaff(body: GrantStaffRequest): Promise<StaffMember> {
  return request({ path: '/api/staff', method: 'POST', data: body, schema: staffMemberSchema });
}

export function revokeStaff(userId: number): Promise<void> {
  return request({ path: `/api/staff/${userId}`, method: 'DELETE' });
}

export function getAudit(cursor?: string | null): Promise<AuditListResponse> {
  const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
  return request({ path: `/api/audit?limit=50${query}`, schema: auditListResponseSchema });
}
