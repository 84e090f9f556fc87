import { type DeclaredError, ErrorCode, type ErrorBody, errorDefinition, errorMessage } from '@itss/shared';

export type ErrorDetail = NonNullable<ErrorBody['details']>[number];

/**
 * The one exception services throw: a code declared in the shared contract (`defineErrors`), or a
 * feature's own message for a code (`defineErrorMessages`), with optional field details. The words a
 * person reads are always the contract's, never written where the error is thrown.
 */
export class AppError extends Error {
  readonly code: string;
  readonly details?: ErrorDetail[];

  constructor(error: string | DeclaredError, details?: ErrorDetail[]) {
    const declared = typeof error === 'string' ? { code: error, message: errorMessage(error) } : error;
    super(declared.message);
    this.name = 'AppError';
    this.code = declared.code;
    this.details = details;
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
