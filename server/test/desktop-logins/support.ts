import { createDesktopLoginResponseSchema, desktopLoginStateSchema, loginResponseSchema } from '@itss/shared';
import type { CreateDesktopLoginResponse, DesktopLoginState, LoginResponse } from '@itss/shared';
import { DataSource } from 'typeorm';
import { DesktopLoginEntity } from '../../src/modules/desktop-logins/desktop-login.entity';
import { type AuthEnv, bearer, login, withRoles } from '../support/auth-env';

export const CHROME_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

let desktops = 0;

/**
 * A desktop browser asking for a ticket, as the H5 sign-in page does: each from an address of its
 * own on the office network, so that the per-address limit on tickets is not what a test meets.
 */
export async function createTicket(env: AuthEnv): Promise<CreateDesktopLoginResponse> {
  desktops += 1;
  const res = await env.server.app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method: 'POST',
      url: '/api/desktop-logins',
      remoteAddress: `10.9.${desktops >> 8}.${desktops & 255}`,
      headers: { 'user-agent': CHROME_ON_WINDOWS },
    });
  expect(res.statusCode).toBe(201);
  return createDesktopLoginResponseSchema.parse(res.json());
}

export async function poll(
  env: AuthEnv,
  ticket: string,
  pollToken?: string,
): Promise<{ status: number; body: unknown; state?: DesktopLoginState }> {
  const res = await env.server.get(`/api/desktop-logins/${ticket}`, {
    headers: pollToken === undefined ? {} : { 'x-poll-token': pollToken },
  });
  const parsed = desktopLoginStateSchema.safeParse(res.body);
  return { status: res.status, body: res.body, state: parsed.success ? parsed.data : undefined };
}

/** A phone's step on a ticket (scan, confirm or cancel). */
export function onPhone(env: AuthEnv, step: 'scan' | 'confirm' | 'cancel', ticket: string, token: string) {
  return env.server.get(`/api/desktop-logins/${ticket}/${step}`, { method: 'POST', headers: bearer(token) });
}

/** A mini-program session of a person with these roles. */
export async function phoneOf(
  env: AuthEnv,
  openid: string,
  roles: ('staff' | 'admin')[],
): Promise<LoginResponse> {
  await withRoles(env, openid, roles);
  return login(env, openid);
}

/** The whole scan: a ticket confirmed on this phone and collected by the desktop. */
export async function desktopSignIn(env: AuthEnv, phoneToken: string): Promise<LoginResponse> {
  const { ticket, pollToken } = await createTicket(env);
  expect((await onPhone(env, 'confirm', ticket, phoneToken)).status).toBe(204);
  return loginResponseSchema.parse((await poll(env, ticket, pollToken)).body);
}

/** Moves a ticket's clock: its two minutes ended `agoMs` ago. */
export async function expireTicket(env: AuthEnv, ticket: string, agoMs = 1000): Promise<void> {
  await env.server.app
    .get(DataSource)
    .getRepository(DesktopLoginEntity)
    .update({ ticket }, { expiresAt: new Date(Date.now() - agoMs) });
}

export function ticketRow(env: AuthEnv, ticket: string): Promise<DesktopLoginEntity | null> {
  return env.server.app.get(DataSource).getRepository(DesktopLoginEntity).findOneBy({ ticket });
}
