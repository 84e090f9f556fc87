import { z } from 'zod';
import { defineAuditActions } from '../audit';
import { ErrorCode, defineErrorMessages, defineErrors } from '../errors';
import { meSchema, wechatCodeSchema } from '../users';
import { WechatError } from '../wechat';

export const AuthError = defineErrors({
  /** The session token expired (idle or absolute) or was revoked: log in again. */
  SessionExpired: { code: 'SESSION_EXPIRED', status: 401, message: '登录已过期，请重新登录' },
});

export const AuthErrorMessage = defineErrorMessages({
  CodeMissing: { code: WechatError.WechatCodeInvalid, message: '缺少微信登录凭证，请重新进入小程序' },
  /** A token this server never issued, or one already logged out. */
  SessionInvalid: { code: ErrorCode.Unauthenticated, message: '登录凭证无效，请重新登录' },
  LoginsFailedTooMany: { code: ErrorCode.RateLimited, message: '登录失败次数过多，请一分钟后再试' },
});

export const AUTH_AUDIT_ACTIONS = defineAuditActions({ 'auth.login': '登录', 'auth.logout': '退出登录' });

/**
 * A missing or empty code is not a malformed request but a failed login (401, WECHAT_CODE_INVALID),
 * like a used or forged one; so the schema only refuses what no client could send in good faith.
 * In cloud-hosting mode the trusted x-wx-openid header identifies the caller and no code is needed.
 */
export const wechatLoginRequestSchema = z.strictObject({ code: wechatCodeSchema.optional() });
export type WechatLoginRequest = z.infer<typeof wechatLoginRequestSchema>;

export const loginResponseSchema = z.object({
  token: z.string().min(20),
  expiresAt: z.iso.datetime(),
  user: meSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;
