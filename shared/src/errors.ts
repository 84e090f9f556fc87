import { z } from 'zod';

/** Stable error codes: the server returns them, the mini-program switches on them. Never rename one. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  BadRequest = 'BAD_REQUEST',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  Unauthenticated = 'UNAUTHENTICATED',
  /** The session token expired (idle or absolute) or was revoked: log in again. */
  SessionExpired = 'SESSION_EXPIRED',
  /** WeChat refused the login or phone code (40029): invalid, expired or already used. */
  WechatCodeInvalid = 'WECHAT_CODE_INVALID',
  /** WeChat flags the account as high-risk (40226). */
  WechatUserRestricted = 'WECHAT_USER_RESTRICTED',
  /** WeChat is busy, unreachable or too slow. */
  WechatUnavailable = 'WECHAT_UNAVAILABLE',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  Conflict = 'CONFLICT',
  RateLimited = 'RATE_LIMITED',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_ERROR',
  /** Client-side only: the request never got an answer. */
  NetworkError = 'NETWORK_ERROR',
}

/** The default message a person can act on, in Chinese. A server may give a more specific one. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  [ErrorCode.ValidationFailed]: '提交的内容不符合要求，请检查后重试',
  [ErrorCode.BadRequest]: '请求格式有误，请刷新页面后重试',
  [ErrorCode.PayloadTooLarge]: '提交的内容过大，请精简后重试',
  [ErrorCode.Unauthenticated]: '请先登录',
  [ErrorCode.SessionExpired]: '登录已过期，请重新登录',
  [ErrorCode.WechatCodeInvalid]: '微信登录凭证无效或已使用，请重新进入小程序后再试',
  [ErrorCode.WechatUserRestricted]: '微信提示当前账号存在安全风险，暂时无法登录，请在微信中完成验证后再试',
  [ErrorCode.WechatUnavailable]: '微信服务暂时不可用，请稍后再试',
  [ErrorCode.Forbidden]: '您没有权限进行此操作',
  [ErrorCode.NotFound]: '您访问的内容不存在',
  [ErrorCode.MethodNotAllowed]: '不支持该操作',
  [ErrorCode.Conflict]: '数据已被修改，请刷新后重试',
  [ErrorCode.RateLimited]: '操作过于频繁，请稍后再试',
  [ErrorCode.ServiceUnavailable]: '服务暂时不可用，请稍后再试',
  [ErrorCode.Internal]: '系统出现异常，请稍后再试；如持续出现，请联系会员服务部',
  [ErrorCode.NetworkError]: '网络连接失败，请检查网络后重试',
};

export const errorBodySchema = z.object({
  code: z.enum(ErrorCode),
  message: z.string().min(1),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
