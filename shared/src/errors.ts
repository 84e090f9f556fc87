import { z } from 'zod';

/** What a code means to a client: the HTTP status the server answers with and a message a person can act on. */
export interface ErrorDefinition {
  status: number;
  message: string;
}

const definitions = new Map<string, ErrorDefinition>();

/**
 * Each feature declares its own error codes (in its folder of this package) with their status and
 * default Chinese message; the server's error filter and the mini-program read them back from this
 * one registry, so adding a feature edits no central list. Codes are stable: never rename one.
 * Returns the codes by name, e.g. `AuthError.SessionExpired === 'SESSION_EXPIRED'`.
 */
export function defineErrors<const T extends Record<string, { code: string } & ErrorDefinition>>(
  specs: T,
): { readonly [K in keyof T]: T[K]['code'] } {
  const codes: Record<string, string> = {};
  for (const [name, { code, status, message }] of Object.entries(specs)) {
    const known = definitions.get(code);
    if (known && (known.status !== status || known.message !== message)) {
      throw new Error(`Error code ${code} is defined twice with different meanings`);
    }
    definitions.set(code, { status, message });
    codes[name] = code;
  }
  return codes as { readonly [K in keyof T]: T[K]['code'] };
}

/** A declared error: a code and the message it is answered with. */
export interface DeclaredError {
  readonly code: string;
  readonly message: string;
}

/** A feature's message for a code: fixed words, or words made from what only the moment knows. */
interface ErrorMessageSpec {
  readonly code: string;
  readonly message: string | ((...args: never[]) => string);
}
type Declared<S extends ErrorMessageSpec> = S['message'] extends (...args: infer A) => string
  ? (...args: A) => DeclaredError
  : DeclaredError;

/**
 * Messages of a feature's own for codes declared elsewhere (usually the common ones): e.g. NOT_FOUND
 * answered with 分会介绍尚未发布 rather than the generic 您访问的内容不存在. The code a client sees
 * stays the common one; the words are declared here, beside the feature's other errors, never
 * written where the error is thrown. A message that needs a value of the moment (请 42 分钟后再试)
 * is declared as a function of it and called where thrown. A message for a code nobody declared
 * throws at load.
 */
export function defineErrorMessages<const T extends Record<string, ErrorMessageSpec>>(
  specs: T,
): { readonly [K in keyof T]: Declared<T[K]> } {
  const declared: Record<string, DeclaredError | ((...args: never[]) => DeclaredError)> = {};
  for (const [name, { code, message }] of Object.entries(specs)) {
    if (!definitions.has(code)) throw new Error(`Error message for undeclared code ${code}`);
    declared[name] =
      typeof message === 'string'
        ? { code, message }
        : (...args: never[]) => ({ code, message: message(...args) });
  }
  return declared as { readonly [K in keyof T]: Declared<T[K]> };
}

/** The codes every feature may use; a feature's own codes live with the feature. */
export const ErrorCode = defineErrors({
  ValidationFailed: {
    code: 'VALIDATION_FAILED',
    status: 400,
    message: '提交的内容不符合要求，请检查后重试',
  },
  BadRequest: { code: 'BAD_REQUEST', status: 400, message: '请求格式有误，请刷新页面后重试' },
  PayloadTooLarge: { code: 'PAYLOAD_TOO_LARGE', status: 413, message: '提交的内容过大，请精简后重试' },
  Unauthenticated: { code: 'UNAUTHENTICATED', status: 401, message: '请先登录' },
  Forbidden: { code: 'FORBIDDEN', status: 403, message: '您没有权限进行此操作' },
  NotFound: { code: 'NOT_FOUND', status: 404, message: '您访问的内容不存在' },
  MethodNotAllowed: { code: 'METHOD_NOT_ALLOWED', status: 405, message: '不支持该操作' },
  /** The request (headers and body) did not arrive in time: a stalled network or a slow sender. */
  RequestTimeout: { code: 'REQUEST_TIMEOUT', status: 408, message: '请求超时，请检查网络后重试' },
  Conflict: { code: 'CONFLICT', status: 409, message: '数据已被修改，请刷新后重试' },
  RateLimited: { code: 'RATE_LIMITED', status: 429, message: '操作过于频繁，请稍后再试' },
  /** Usually piled-up cookies in a browser: clearing them fixes it. */
  HeadersTooLarge: {
    code: 'HEADERS_TOO_LARGE',
    status: 431,
    message: '请求头过大，请清除浏览器缓存和 Cookie 后重试',
  },
  ServiceUnavailable: { code: 'SERVICE_UNAVAILABLE', status: 503, message: '服务暂时不可用，请稍后再试' },
  Internal: {
    code: 'INTERNAL_ERROR',
    status: 500,
    message: '系统出现异常，请稍后再试；如持续出现，请联系会员服务部',
  },
  /** Client-side only: the request never got an answer. */
  NetworkError: { code: 'NETWORK_ERROR', status: 503, message: '网络连接失败，请检查网络后重试' },
});
/** A code of the common set; feature codes are plain strings declared with `defineErrors`. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function isKnownErrorCode(code: string): boolean {
  return definitions.has(code);
}

/** The registered definition; an unknown code is treated as an internal error. */
export function errorDefinition(code: string): ErrorDefinition {
  return definitions.get(code) ?? (definitions.get(ErrorCode.Internal) as ErrorDefinition);
}

/** The default message of a code, in Chinese. A server may send a more specific one. */
export function errorMessage(code: string): string {
  return errorDefinition(code).message;
}

export const errorBodySchema = z.object({
  code: z.string().min(1),
  message: z.string().min(1),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
