import { z } from 'zod';
import { defineAuditActions } from '../audit';
import { decimalIdSchema } from '../common';
import { defineErrors } from '../errors';
import { meSchema } from '../users';

/**
 * Signing in to the H5 工作台 by scanning: the desktop asks for a one-time ticket and shows it as a
 * mini-program code; a staff member scans it, sees which browser asks and from where, and confirms;
 * the desktop, polling with the secret only it holds, receives a session of its own once.
 */

/** The mini-program page a desktop sign-in code opens; its `scene` query is the ticket. */
export const DESKTOP_LOGIN_PAGE = 'packages/account/pages/desktop-login/index';

/** How long a ticket can be scanned and confirmed. */
export const DESKTOP_LOGIN_TICKET_TTL_MS = 2 * 60 * 1000;

/** How often a desktop without server-sent events should ask. */
export const DESKTOP_LOGIN_POLL_INTERVAL_MS = 2000;

/** The header that carries the poll token on `GET /api/desktop-logins/:ticket`. */
export const DESKTOP_LOGIN_POLL_TOKEN_HEADER = 'X-Poll-Token';

/**
 * A ticket: 22 base64url characters (128 random bits), a valid getwxacodeunlimit scene. A scene the
 * mini-program receives that does not match is forged or damaged: the page says so without asking
 * the server.
 */
export const desktopLoginTicketSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, '登录二维码无效，请在电脑上刷新后重新扫码');
/** Where a ticket's mini-program code is served (PNG, public while the ticket is open). */
export const desktopLoginCodeUrl = (ticket: string): string => `/api/desktop-logins/${ticket}/code.png`;

export const desktopLoginTicketParamSchema = z.strictObject({ ticket: desktopLoginTicketSchema });

export const DesktopLoginError = defineErrors({
  /** No such ticket: guessed, mistyped, or long gone. */
  TicketNotFound: {
    code: 'DESKTOP_LOGIN_NOT_FOUND',
    status: 404,
    message: '登录二维码无效，请在电脑上刷新后重新扫码',
  },
  TicketExpired: {
    code: 'DESKTOP_LOGIN_EXPIRED',
    status: 410,
    message: '登录二维码已过期，请在电脑上刷新后重新扫码',
  },
  /** Confirmed (or cancelled) already: a ticket signs in once. */
  TicketUsed: {
    code: 'DESKTOP_LOGIN_USED',
    status: 409,
    message: '该登录二维码已使用，请在电脑上刷新后重新扫码',
  },
  /** Another staff member's phone scanned or confirmed it first: only that phone may act on it. */
  ScannedByOther: {
    code: 'DESKTOP_LOGIN_SCANNED_BY_OTHER',
    status: 409,
    message: '该登录二维码已由其他工作人员扫描，请在电脑上刷新后重新扫码',
  },
  NotStaff: {
    code: 'DESKTOP_LOGIN_NOT_STAFF',
    status: 403,
    message: '仅工作人员可以登录电脑端工作台',
  },
  SessionNotFound: {
    code: 'DEVICE_SESSION_NOT_FOUND',
    status: 404,
    message: '该登录设备不存在或已退出',
  },
});

export const DESKTOP_LOGIN_AUDIT_ACTIONS = defineAuditActions({
  'auth.desktop_login': '扫码登录电脑端工作台',
  'auth.session_revoked': '移除登录设备',
});

/** `POST /api/desktop-logins` (public, throttled per address). */
export const createDesktopLoginResponseSchema = z.object({
  ticket: desktopLoginTicketSchema,
  /** A secret only the creating browser holds; sent back as `X-Poll-Token`. */
  pollToken: z.string().min(20),
  /** The mini-program code to show (PNG, public: it shows nothing but the ticket). */
  imageUrl: z.string().min(1),
  expiresAt: z.iso.datetime(),
});
export type CreateDesktopLoginResponse = z.infer<typeof createDesktopLoginResponseSchema>;

/**
 * `GET /api/desktop-logins/:ticket` (public; `X-Poll-Token`; or `Accept: text/event-stream` for
 * server-sent events, one `data:` line per change, the same JSON). `expired` also answers a ticket
 * whose session was handed out already, or that was cancelled: the desktop shows a fresh code either
 * way. `confirmed` carries the session only for the poll token's holder, and only once; anyone else
 * learns that it is confirmed and nothing more.
 */
export const desktopLoginStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('pending'), expiresAt: z.iso.datetime() }),
  /** A staff phone opened it and has not confirmed yet. */
  z.object({ state: z.literal('scanned'), expiresAt: z.iso.datetime() }),
  z.object({ state: z.literal('expired') }),
  z.object({
    state: z.literal('confirmed'),
    token: z.string().min(20).optional(),
    expiresAt: z.iso.datetime().optional(),
    user: meSchema.optional(),
  }),
]);
export type DesktopLoginState = z.infer<typeof desktopLoginStateSchema>;

/** What the phone shows before confirming (`POST /api/desktop-logins/:ticket/scan`, staff). */
export const desktopLoginDetailsSchema = z.object({
  ticket: desktopLoginTicketSchema,
  /** E.g. `Chrome · Windows`; 未知浏览器 when the user agent says nothing we know. */
  browser: z.string(),
  /** E.g. 内网 or 未知地区: approximate, from the desktop's address. */
  place: z.string(),
  requestedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type DesktopLoginDetails = z.infer<typeof desktopLoginDetailsSchema>;

export const DEVICE_SESSION_KINDS = ['miniapp', 'desktop'] as const;
export const deviceSessionKindSchema = z.enum(DEVICE_SESSION_KINDS);
export type DeviceSessionKind = z.infer<typeof deviceSessionKindSchema>;

/** `GET /api/me/sessions` (any signed-in person: their own sessions, newest use first). */
export const deviceSessionSchema = z.object({
  id: z.number().int().positive(),
  kind: deviceSessionKindSchema,
  browser: z.string(),
  place: z.string(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  /** The session making this request: revoking it signs this device out. */
  current: z.boolean(),
});
export type DeviceSession = z.infer<typeof deviceSessionSchema>;
export const deviceSessionListSchema = z.object({ items: z.array(deviceSessionSchema) });
export type DeviceSessionList = z.infer<typeof deviceSessionListSchema>;

/** `DELETE /api/me/sessions/:id` → 204. */
export const deviceSessionIdParamSchema = z.strictObject({ id: decimalIdSchema });
