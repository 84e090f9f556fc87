import { z } from 'zod';

/** Roles granted to a person. Relations (applicant, unit contact) come from their own features. */
export const ROLES = ['staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const ROLE_NAMES: Record<Role, string> = { staff: '工作人员', admin: '管理员' };

/** A code from wx.login or a getPhoneNumber button: opaque to us, short. */
const wechatCode = z.string().trim().max(128, '微信凭证格式不正确');

/**
 * A missing or empty code is not a malformed request but a failed login (401, WECHAT_CODE_INVALID),
 * like a used or forged one; so the schema only refuses what no client could send in good faith.
 * In cloud-hosting mode the trusted x-wx-openid header identifies the caller and no code is needed.
 */
export const wechatLoginRequestSchema = z.strictObject({ code: wechatCode.optional() });
export type WechatLoginRequest = z.infer<typeof wechatLoginRequestSchema>;

export const bindPhoneRequestSchema = z.strictObject({ code: wechatCode.min(1, '缺少手机号授权凭证') });
export type BindPhoneRequest = z.infer<typeof bindPhoneRequestSchema>;

/** 138****8000: lists and profiles show phones masked; only the person sees it whole when binding. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

export const meSchema = z.object({
  id: z.number().int().positive(),
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  roles: z.array(roleSchema),
  /** The member unit the person is a contact of; filled by the member-units feature. */
  unit: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** What the mini-program may show: derived from roles on the server, never trusted from the client. */
  can: z.object({
    openStaffConsole: z.boolean(),
    manageStaff: z.boolean(),
    readAuditLog: z.boolean(),
  }),
});
export type Me = z.infer<typeof meSchema>;

export const loginResponseSchema = z.object({
  token: z.string().min(20),
  expiresAt: z.iso.datetime(),
  user: meSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const staffMemberSchema = z.object({
  id: z.number().int().positive(),
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  roles: z.array(roleSchema),
  lastSeenAt: z.iso.datetime().nullable(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;
export const staffListResponseSchema = z.object({ items: z.array(staffMemberSchema) });
export type StaffListResponse = z.infer<typeof staffListResponseSchema>;

/** Grant staff to a person who has logged in at least once, found by user id or phone. */
export const grantStaffRequestSchema = z
  .strictObject({
    userId: z.number().int().positive().optional(),
    phone: z
      .string()
      .regex(/^1\d{10}$/, '请输入 11 位手机号')
      .optional(),
    admin: z.boolean().default(false),
  })
  .refine((v) => (v.userId === undefined) !== (v.phone === undefined), {
    message: '请提供用户编号或手机号中的一项',
  });
export type GrantStaffRequest = z.input<typeof grantStaffRequestSchema>;

export const userIdParamSchema = z.strictObject({ userId: z.coerce.number().int().positive() });

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'user.phone_bound',
  'role.granted',
  'role.revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntrySchema = z.object({
  id: z.number().int().positive(),
  at: z.iso.datetime(),
  action: z.enum(AUDIT_ACTIONS),
  actor: z.object({ id: z.number().int().nullable(), displayName: z.string() }),
  target: z.string().nullable(),
  /** The display name of the person a `user:<id>` target points to, as it is now. */
  targetName: z.string().nullable(),
  detail: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Keyset pagination: entries with an id below this one. */
  before: z.coerce.number().int().positive().optional(),
});
export const auditListResponseSchema = z.object({
  items: z.array(auditEntrySchema),
  nextBefore: z.number().int().nullable(),
});
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;
