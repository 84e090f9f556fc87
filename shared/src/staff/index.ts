import { z } from 'zod';
import { defineAuditActions } from '../audit';
import { decimalIdSchema, idSchema } from '../common';
import { mainlandMobileSchema } from '../domain/phone';
import { ErrorCode, defineErrorMessages, defineErrors } from '../errors';
import { roleSchema } from '../users';

/** The staff workbench, which WeChat messages about staff to-dos open. */
export const WORKBENCH_PAGE = 'packages/staff/pages/index/index';

export const StaffError = defineErrors({
  /** Revoking this admin would leave nobody who can manage staff, e.g. two admins revoking each other. */
  LastAdmin: {
    code: 'STAFF_LAST_ADMIN',
    status: 409,
    message: '不能撤销最后一位管理员的权限，请先任命另一位管理员',
  },
});

export const StaffErrorMessage = defineErrorMessages({
  CannotRevokeSelf: { code: ErrorCode.Conflict, message: '不能撤销自己的权限，请由其他管理员操作' },
  UserNotFound: { code: ErrorCode.NotFound, message: '用户不存在' },
});

export const STAFF_AUDIT_ACTIONS = defineAuditActions({
  'role.granted': '授予权限',
  'role.revoked': '撤销权限',
});

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
    userId: idSchema.optional(),
    phone: mainlandMobileSchema.optional(),
    admin: z.boolean().default(false),
  })
  .refine((v) => (v.userId === undefined) !== (v.phone === undefined), {
    message: '请提供用户编号或手机号中的一项',
  });
export type GrantStaffRequest = z.input<typeof grantStaffRequestSchema>;

export const userIdParamSchema = z.strictObject({ userId: decimalIdSchema });
