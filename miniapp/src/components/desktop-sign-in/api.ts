import {
  DESKTOP_LOGIN_POLL_TOKEN_HEADER,
  createDesktopLoginResponseSchema,
  desktopLoginStateSchema,
  type CreateDesktopLoginResponse,
  type DesktopLoginState,
} from '@itss/shared';
import { request } from '@/services/http';

/** A fresh one-time ticket and its code; nobody is signed in yet, so no token is sent. */
export function createDesktopLogin(): Promise<CreateDesktopLoginResponse> {
  return request({
    path: '/api/desktop-logins',
    method: 'POST',
    schema: createDesktopLoginResponseSchema,
    auth: false,
  });
}

/** The ticket's state; the poll token proves this browser asked for it, so only it gets the session. */
export function getDesktopLoginState(ticket: string, pollToken: string): Promise<DesktopLoginState> {
  return request({
    path: `/api/desktop-logins/${encodeURIComponent(ticket)}`,
    header: { [DESKTOP_LOGIN_POLL_TOKEN_HEADER]: pollToken },
    schema: desktopLoginStateSchema,
    auth: false,
  });
}
