import {
  auditListResponseSchema,
  staffListResponseSchema,
  staffMemberSchema,
  type AuditListResponse,
  type StaffListResponse,
  type StaffMember,
} from '@itss/shared';
import { request } from './http';

export function getStaff(): Promise<StaffListResponse> {
  return request({ path: '/api/staff', schema: staffListResponseSchema });
}

export function grantStaff(phone: string, admin: boolean): Promise<StaffMember> {
  return request({ path: '/api/staff', method: 'POST', data: { phone, admin }, schema: staffMemberSchema });
}

export function revokeStaff(userId: number): Promise<void> {
  return request({ path: `/api/staff/${userId}`, method: 'DELETE' });
}

export function getAudit(before?: number | null): Promise<AuditListResponse> {
  const query = before ? `&before=${before}` : '';
  return request({ path: `/api/audit?limit=50${query}`, schema: auditListResponseSchema });
}
