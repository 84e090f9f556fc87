import { z } from 'zod';
import { defineAuditActions } from '../audit';
import { levelCodeSchema } from '../membership';
import { ErrorCode, defineErrorMessages } from '../errors';

/** Roles granted to a person. Relations (applicant, unit contact) come from their own features. */
export const ROLES = ['staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const ROLE_NAMES: Record<Role, string> = { staff: '工作人员', admin: '管理员' };

export const USER_AUDIT_ACTIONS = defineAuditActions({ 'user.phone_bound': '绑定手机号' });

/**
 * A WeChat openid or unionid as the server stores it (`users.openid` is VARCHAR(64)). WeChat's are 28
 * visible ASCII characters; a longer or stranger value comes from a faulty or forged source and is
 * refused where it enters (login, the cloud-hosting header, the command line), never left for the
 * database to reject with a 500.
 */
export const OPENID_MAX_LENGTH = 64;
export const openidSchema = z
  .string()
  .max(OPENID_MAX_LENGTH, `openid 最长 ${OPENID_MAX_LENGTH} 个字符`)
  .regex(/^[\x21-\x7e]+$/, 'openid 应由可见 ASCII 字符组成');

/** A code from wx.login or a getPhoneNumber button: opaque to us, short. */
export const wechatCodeSchema = z.string().trim().max(128, '微信凭证格式不正确');

export const bindPhoneRequestSchema = z.strictObject({ code: wechatCodeSchema.min(1, '缺少手机号授权凭证') });
export type BindPhoneRequest = z.infer<typeof bindPhoneRequestSchema>;

export const meSchema = z.object({
  id: z.number().int().positive(),
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  roles: z.array(roleSchema),
  /** The member unit the person is a contact of; filled by the member-units feature. */
  unit: z
    .object({
      id: z.number().int(),
      name: z.string(),
      level: levelCodeSchema,
      status: z.enum(['active', 'suspended', 'removed']),
      /** Whether the person is the unit's primary contact (invites, requests, hand-over). */
      isPrimaryContact: z.boolean(),
    })
    .nullable(),
  /**
   * What the mini-program may offer, by ability name (`openStaffConsole`, `manageStaff`,
   * `readAuditLog`, and whatever later features declare): derived on the server from each feature's
   * policy, never trusted from the client. A name that is absent means no.
   */
  can: z.record(z.string(), z.boolean()),
});
export type Me = z.infer<typeof meSchema>;

/** Whether the person may do what an ability names: absent means no. */
export function meCan(me: Me, ability: string): boolean {
  return me.can[ability] === true;
}

/** For operators naming a person (the command line, staff granting roles). */
export const UserErrorMessage = defineErrorMessages({
  PhoneShared: { code: ErrorCode.Conflict, message: '该手机号绑定了多个微信账号，请改用 openid 指定' },
  NoUserWithPhone: {
    code: ErrorCode.NotFound,
    message: '没有绑定该手机号的用户：请对方先登录小程序并绑定手机号',
  },
  NoUserWithOpenid: { code: ErrorCode.NotFound, message: '没有该 openid 的用户：请对方先登录一次小程序' },
  PhoneAttemptsTooMany: { code: ErrorCode.RateLimited, message: '绑定手机号的尝试过于频繁，请十分钟后再试' },
  PhoneAttemptsSpentToday: {
    code: ErrorCode.RateLimited,
    message: '今天绑定手机号的尝试次数已达上限，请明天再试',
  },
});
