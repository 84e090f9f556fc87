import { ERROR_MESSAGES, ErrorCode, type ErrorBody } from '@itss/shared';

export type ErrorDetail = NonNullable<ErrorBody['details']>[number];

/** The one exception services throw: a stable code, a Chinese message, optional field details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const HTTP_STATUS_OF: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.SessionExpired]: 401,
  [ErrorCode.WechatCodeInvalid]: 401,
  [ErrorCode.WechatUserRestricted]: 403,
  [ErrorCode.WechatUnavailable]: 503,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.MethodNotAllowed]: 405,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.Internal]: 500,
  [ErrorCode.NetworkError]: 503,
};

/** For errors raised outside our services (Nest, Fastify): the closest code for their status. */
export function errorCodeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 415:
      return ErrorCode.BadRequest;
    case 401:
      return ErrorCode.Unauthenticated;
    case 403:
      return ErrorCode.Forbidden;
    case 404:
      return ErrorCode.NotFound;
    case 405:
      return ErrorCode.MethodNotAllowed;
    case 409:
      return ErrorCode.Conflict;
    case 413:
      return ErrorCode.PayloadTooLarge;
    case 429:
      return ErrorCode.RateLimited;
    case 503:
      return ErrorCode.ServiceUnavailable;
    default:
      return status >= 400 && status < 500 ? ErrorCode.BadRequest : ErrorCode.Internal;
  }
}
