import {
  auditListResponseSchema,
  dashboardSchema,
  staffListResponseSchema,
  staffMemberSchema,
  type AuditListResponse,
  type Dashboard,
  type DashboardRange,
  type GrantStaffRequest,
  type StaffListResponse,
  type StaffMember,
} from '@itss/shared';
import { request } from '@/services/http';

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
  return request({
    path: '/api/audit',
    query: { limit: 50, cursor: cursor || undefined },
    schema: auditListResponseSchema,
  });
}

/** The dashboard's figures over a range of Beijing days (both ends included). */
export function getDashboard(range: DashboardRange): Promise<Dashboard> {
  return request({ path: '/api/dashboard', query: { ...range }, schema: dashboardSchema });
}
