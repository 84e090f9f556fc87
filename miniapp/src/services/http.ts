import Taro from '@tarojs/taro';
import { AuthError, ErrorCode, type ErrorBody, errorBodySchema, errorMessage } from '@itss/shared';
import { type Query, queryString } from './query';

/** The part of a zod schema the wrapper needs, so a response is checked by the contract's own schema. */
export interface ResponseSchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

/** Every failed call rejects with this, whether the server answered or not. */
export class ApiError extends Error implements ErrorBody {
  /** A common code (ErrorCode) or a feature's own (AuthError, WechatError, …). */
  readonly code: string;
  readonly details?: ErrorBody['details'];

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.details = body.details;
  }
}

export function apiErrorOf(code: string): ApiError {
  return new ApiError({ code, message: errorMessage(code) });
}

/** Any thrown value becomes an ApiError, so views switch on one shape. */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : apiErrorOf(ErrorCode.Internal);
}

// Used only when a non-2xx answer lacks the contract's error body (e.g. a proxy's own page).
const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.MethodNotAllowed,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  422: ErrorCode.ValidationFailed,
  429: ErrorCode.RateLimited,
  502: ErrorCode.ServiceUnavailable,
  503: ErrorCode.ServiceUnavailable,
  504: ErrorCode.ServiceUnavailable,
};

function errorFromResponse(statusCode: number, data: unknown): ApiError {
  const body = errorBodySchema.safeParse(data);
  if (body.success) return new ApiError(body.data);
  return apiErrorOf(STATUS_CODES[statusCode] ?? ErrorCode.Internal);
}

export interface RequestOptions<T> {
  path: string;
  /** The query string's values; empty ones are left out, so callers never build one. */
  query?: Query;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  data?: Record<string, unknown>;
  /** When given, a 2xx body that does not match is treated as a server fault, not trusted. */
  schema?: ResponseSchema<T>;
  /** false: send no token and never re-login (the login call itself, the WeChat stand-in). */
  auth?: boolean;
  /** Extra request headers, e.g. the Idempotency-Key of a submission. */
  header?: Record<string, string>;
}

/** How the wrapper reaches the session without importing it (session.ts registers itself). */
export interface AuthHooks {
  token: () => string | null;
  /** Logs in again; resolves true when a fresh token is stored. Never throws. */
  renew: () => Promise<boolean>;
}

let authHooks: AuthHooks | null = null;
let renewal: Promise<boolean> | null = null;

export function setAuthHooks(hooks: AuthHooks | null): void {
  authHooks = hooks;
  renewal = null;
}

/** Calls made while a renewal is under way share it: one login, however many requests failed. */
function renewOnce(hooks: AuthHooks): Promise<boolean> {
  renewal ??= hooks.renew().finally(() => {
    renewal = null;
  });
  return renewal;
}

function isTokenRejected(error: ApiError): boolean {
  return error.code === ErrorCode.Unauthenticated || error.code === AuthError.SessionExpired;
}

const TIMEOUT_MS = 15000;

/**
 * Calls the API with the session's bearer token. A 401 UNAUTHENTICATED / SESSION_EXPIRED logs in
 * again once and retries the call once; a second refusal is the caller's to show, never a loop.
 */
export function request<T>(options: RequestOptions<T>): Promise<T> {
  if (options.auth === false) return send(options, null);
  return withToken((token) => send(options, token));
}

/**
 * Runs a call with the session's token, logging in again once on a refused token; for calls that
 * are not JSON requests (file uploads), which build their own headers with `authorization(token)`.
 */
export async function withToken<T>(call: (token: string | null) => Promise<T>): Promise<T> {
  const hooks = authHooks;
  try {
    return await call(hooks?.token() ?? null);
  } catch (error) {
    if (!hooks || !(error instanceof ApiError) || !isTokenRejected(error)) throw error;
    if (!(await renewOnce(hooks))) throw error;
    return call(hooks.token());
  }
}

export function authorization(token: string | null): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** A non-2xx answer or a body that does not match: the same ApiError a JSON request would give. */
export function parseAnswer<T>(statusCode: number, data: unknown, schema: ResponseSchema<T>): T {
  if (statusCode < 200 || statusCode >= 300) throw errorFromResponse(statusCode, data);
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw apiErrorOf(ErrorCode.Internal);
  return parsed.data;
}

async function send<T>(
  { path, query, method = 'GET', data, schema, header: extra }: RequestOptions<T>,
  token: string | null,
): Promise<T> {
  const header = { ...extra, 'content-type': 'application/json', ...authorization(token) };
  // The body is untrusted until a schema has checked it.
  type RawBody = string | TaroGeneral.IAnyObject;
  let response: Taro.request.SuccessCallbackResult<RawBody>;
  try {
    response = await Taro.request<RawBody>({
      url: `${API_BASE}${path}${queryString(query)}`,
      method,
      // A write without data sends {}: the same JSON body from WeChat and from browsers (the server
      // would also take an empty body as none).
      data: data ?? (method === 'GET' ? undefined : {}),
      header,
      dataType: 'json',
      timeout: TIMEOUT_MS,
    });
  } catch {
    throw apiErrorOf(ErrorCode.NetworkError);
  }

  const { statusCode } = response;
  if (statusCode < 200 || statusCode >= 300) throw errorFromResponse(statusCode, response.data);
  if (!schema) return (statusCode === 204 ? undefined : response.data) as unknown as T;

  const parsed = schema.safeParse(response.data);
  if (!parsed.success) throw apiErrorOf(ErrorCode.Internal);
  return parsed.data;
}

/** The message a 400 VALIDATION_FAILED gives for one field, to show beside it; else the error's own. */
export function fieldMessage(error: ApiError, path: string): string {
  return error.details?.find((detail) => detail.path === path)?.message ?? error.message;
}

/** A failure known only by its status, as a download answers (its body is a file, not JSON). */
export function apiErrorOfStatus(statusCode: number): ApiError {
  return apiErrorOf(STATUS_CODES[statusCode] ?? ErrorCode.Internal);
}
