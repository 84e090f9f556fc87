import { ErrorCode, type ErrorBody, errorDefinition, errorMessage } from '@itss/shared';

export type ErrorDetail = NonNullable<ErrorBody['details']>[number];

/**
 * The one exception services throw: a stable code (the common ones or a feature's own, declared with
 * `defineErrors` in the shared contract), a Chinese message, optional field details.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string = errorMessage(code),
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** The HTTP status the code was declared with. */
  get status(): number {
    return errorDefinition(this.code).status;
  }
}

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
    case 408:
      return ErrorCode.RequestTimeout;
    case 409:
      return ErrorCode.Conflict;
    case 413:
      return ErrorCode.PayloadTooLarge;
    case 429:
      return ErrorCode.RateLimited;
    case 431:
      return ErrorCode.HeadersTooLarge;
    case 503:
      return ErrorCode.ServiceUnavailable;
    default:
      return status >= 400 && status < 500 ? ErrorCode.BadRequest : ErrorCode.Internal;
  }
}
