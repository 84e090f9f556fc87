import { createHash, randomBytes } from 'node:crypto';
import {
  DESKTOP_LOGIN_PAGE,
  SCENE_PATTERN,
  desktopLoginDetailsSchema,
  desktopLoginStateSchema,
  deviceSessionListSchema,
  errorBodySchema,
  loginResponseSchema,
} from '@itss/shared';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { DataSource } from 'typeorm';
import { SessionEntity } from '../../src/modules/auth/session.entity';
import { UsersService } from '../../src/modules/users/users.service';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import {
  CHROME_ON_WINDOWS,
  createTicket,
  desktopSignIn,
  expireTicket,
  onPhone,
  phoneOf,
  poll,
  ticketRow,
} from './support';

const codeOf = (res: { status: number; body: unknown }) => [res.status, errorBodySchema.parse(res.body).code];
const sessions = (env: AuthEnv) => env.server.app.get(DataSource).getRepository(SessionEntity);
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

describe('signing in to the desktop 工作台 by scanning', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  it('create → code → scan → confirm → the session once → a staff route → list → revoke → 401', async () => {
    const created = await createTicket(env);
    expect(created.ticket).toMatch(SCENE_PATTERN);
    expect(created.ticket.length).toBeLessThanOrEqual(32);
    expect(new Date(created.expiresAt).getTime() - Date.now()).toBeGreaterThan(110_000);
    expect(new Date(created.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(120_000);

    // The code the desktop shows opens the confirmation page with the ticket as its scene.
    const image = await fetch(env.server.baseUrl + created.imageUrl);
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/png']);
    const png = PNG.sync.read(Buffer.from(await image.arrayBuffer()));
    const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(read?.data).toBe(`${DESKTOP_LOGIN_PAGE}?scene=${created.ticket}`);

    expect((await poll(env, created.ticket, created.pollToken)).state).toMatchObject({ state: 'pending' });
    const phone = await phoneOf(env, 'o_desk_staff', ['staff']);
    const scanned = await onPhone(env, 'scan', created.ticket, phone.token);
    expect(scanned.status).toBe(200);
    expect(desktopLoginDetailsSchema.parse(scanned.body)).toEqual({
      ticket: created.ticket,
      browser: 'Chrome · Windows',
      place: '内网',
      requestedAt: expect.any(String) as string,
      expiresAt: created.expiresAt,
    });
    expect((await poll(env, created.ticket)).state).toEqual({
      state: 'scanned',
      expiresAt: created.expiresAt,
    });

    expect((await onPhone(env, 'confirm', created.ticket, phone.token)).status).toBe(204);
    // Without the poll token, or with a wrong one: the state and nothing more.
    expect((await poll(env, created.ticket)).body).toEqual({ state: 'confirmed' });
    expect((await poll(env, created.ticket, randomBytes(32).toString('base64url'))).body).toEqual({
      state: 'confirmed',
    });
    const collected = await poll(env, created.ticket, created.pollToken);
    expect(collected.status).toBe(200);
    const desktop = loginResponseSchema.parse(collected.body);
    expect(collected.state?.state).toBe('confirmed');
    expect(desktop.user).toMatchObject({ id: phone.user.id, roles: ['staff'] });
    // Once: the same poll again learns nothing more.
    expect((await poll(env, created.ticket, created.pollToken)).body).toEqual({ state: 'expired' });

    const row = await sessions(env).findOneByOrFail({ tokenHash: hashOf(desktop.token) });
    expect(row).toMatchObject({ kind: 'desktop', browser: 'Chrome · Windows', place: '内网' });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * 24 * 3600 * 1000);
    expect(JSON.stringify(await ticketRow(env, created.ticket))).not.toContain(created.pollToken);

    expect((await env.server.get('/api/campaigns', { headers: bearer(desktop.token) })).status).toBe(200);

    const listed = await env.server.get('/api/me/sessions', { headers: bearer(phone.token) });
    const items = deviceSessionListSchema.parse(listed.body).items;
    expect(
      items.map(({ kind, current }) => ({ kind, current })).sort((a, b) => a.kind.localeCompare(b.kind)),
    ).toEqual([
      { kind: 'desktop', current: false },
      { kind: 'miniapp', current: true },
    ]);
    const desktopItem = items.find((item) => item.kind === 'desktop');
    expect(desktopItem).toMatchObject({ id: row.id, browser: 'Chrome · Windows', place: '内网' });

    const revoked = await env.server.get(`/api/me/sessions/${row.id}`, {
      method: 'DELETE',
      headers: bearer(phone.token),
    });
    expect(revoked.status).toBe(204);
    expect(codeOf(await env.server.get('/api/me', { headers: bearer(desktop.token) }))).toEqual([
      401,
      'SESSION_EXPIRED',
    ]);
    expect((await env.server.get('/api/me', { headers: bearer(phone.token) })).status).toBe(200);

    const signIns = await auditRows(env, 'auth.desktop_login', phone.user.id);
    expect(signIns.map((a) => a.detail)).toEqual(['Chrome · Windows，内网']);
    expect(await auditRows(env, 'auth.session_revoked', phone.user.id)).toHaveLength(1);
  });

  it('refuses a visitor who scans or confirms (403), and the ticket stays as it was', async () => {
    const { ticket, pollToken } = await createTicket(env);
    const visitor = await phoneOf(env, 'o_desk_visitor', []);
    expect(codeOf(await onPhone(env, 'scan', ticket, visitor.token))).toEqual([
      403,
      'DESKTOP_LOGIN_NOT_STAFF',
    ]);
    expect(codeOf(await onPhone(env, 'confirm', ticket, visitor.token))).toEqual([
      403,
      'DESKTOP_LOGIN_NOT_STAFF',
    ]);
    expect(codeOf(await onPhone(env, 'cancel', ticket, visitor.token))).toEqual([
      403,
      'DESKTOP_LOGIN_NOT_STAFF',
    ]);
    expect((await poll(env, ticket, pollToken)).state).toMatchObject({ state: 'pending' });
    expect(await ticketRow(env, ticket)).toMatchObject({ status: 'pending', scannedBy: null });
    expect(await sessions(env).countBy({ userId: visitor.user.id, kind: 'desktop' })).toBe(0);
  });

  it('refuses a ticket that ran out of time, on the phone and for the desktop', async () => {
    const staff = await phoneOf(env, 'o_desk_late', ['staff']);
    const { ticket, pollToken, imageUrl } = await createTicket(env);
    await expireTicket(env, ticket);
    expect((await poll(env, ticket, pollToken)).body).toEqual({ state: 'expired' });
    expect(codeOf(await onPhone(env, 'scan', ticket, staff.token))).toEqual([410, 'DESKTOP_LOGIN_EXPIRED']);
    expect(codeOf(await onPhone(env, 'confirm', ticket, staff.token))).toEqual([
      410,
      'DESKTOP_LOGIN_EXPIRED',
    ]);
    expect((await env.server.get(imageUrl)).status).toBe(410);

    // Confirmed in time but never collected within the grace: nobody gets the session.
    const late = await createTicket(env);
    expect((await onPhone(env, 'confirm', late.ticket, staff.token)).status).toBe(204);
    await expireTicket(env, late.ticket, 61_000);
    expect((await poll(env, late.ticket, late.pollToken)).body).toEqual({ state: 'expired' });
    expect(await sessions(env).countBy({ userId: staff.user.id, kind: 'desktop' })).toBe(0);
  });

  it('answers 404 to a guessed ticket and 400 to one that cannot be a ticket', async () => {
    const staff = await phoneOf(env, 'o_desk_guess', ['staff']);
    const guessed = randomBytes(16).toString('base64url');
    expect(codeOf(await env.server.get(`/api/desktop-logins/${guessed}`))).toEqual([
      404,
      'DESKTOP_LOGIN_NOT_FOUND',
    ]);
    expect(codeOf(await onPhone(env, 'scan', guessed, staff.token))).toEqual([
      404,
      'DESKTOP_LOGIN_NOT_FOUND',
    ]);
    expect(codeOf(await onPhone(env, 'confirm', guessed, staff.token))).toEqual([
      404,
      'DESKTOP_LOGIN_NOT_FOUND',
    ]);
    expect((await env.server.get(`/api/desktop-logins/${guessed}/code.png`)).status).toBe(404);
    expect((await env.server.get('/api/desktop-logins/not-a-ticket')).status).toBe(400);
  });

  it('refuses a replayed confirmation and a second phone, and lets the scanning phone cancel', async () => {
    const first = await phoneOf(env, 'o_desk_first', ['staff']);
    const second = await phoneOf(env, 'o_desk_second', ['staff', 'admin']);
    const { ticket, pollToken } = await createTicket(env);
    expect((await onPhone(env, 'scan', ticket, first.token)).status).toBe(200);
    expect((await onPhone(env, 'scan', ticket, first.token)).status).toBe(200);
    expect(codeOf(await onPhone(env, 'scan', ticket, second.token))).toEqual([
      409,
      'DESKTOP_LOGIN_SCANNED_BY_OTHER',
    ]);
    expect(codeOf(await onPhone(env, 'confirm', ticket, second.token))).toEqual([
      409,
      'DESKTOP_LOGIN_SCANNED_BY_OTHER',
    ]);
    expect((await onPhone(env, 'confirm', ticket, first.token)).status).toBe(204);
    expect(codeOf(await onPhone(env, 'confirm', ticket, first.token))).toEqual([409, 'DESKTOP_LOGIN_USED']);
    expect(loginResponseSchema.parse((await poll(env, ticket, pollToken)).body).user.id).toBe(first.user.id);
    expect(codeOf(await onPhone(env, 'confirm', ticket, first.token))).toEqual([409, 'DESKTOP_LOGIN_USED']);
    expect(codeOf(await onPhone(env, 'scan', ticket, first.token))).toEqual([409, 'DESKTOP_LOGIN_USED']);

    const cancelled = await createTicket(env);
    expect((await onPhone(env, 'scan', cancelled.ticket, first.token)).status).toBe(200);
    expect((await onPhone(env, 'cancel', cancelled.ticket, first.token)).status).toBe(204);
    expect((await poll(env, cancelled.ticket, cancelled.pollToken)).body).toEqual({ state: 'expired' });
    expect(codeOf(await onPhone(env, 'confirm', cancelled.ticket, first.token))).toEqual([
      409,
      'DESKTOP_LOGIN_USED',
    ]);
  });

  it('lets nobody in when the confirmer lost the staff role before the desktop collected', async () => {
    const phone = await phoneOf(env, 'o_desk_demoted', ['staff']);
    const { ticket, pollToken } = await createTicket(env);
    expect((await onPhone(env, 'confirm', ticket, phone.token)).status).toBe(204);
    await env.server.app.get(UsersService).removeRoles(phone.user.id, ['staff']);
    expect((await poll(env, ticket, pollToken)).body).toEqual({ state: 'expired' });
    expect(await sessions(env).countBy({ userId: phone.user.id, kind: 'desktop' })).toBe(0);
  });

  it('places a desktop on a public address in 未知地区 (no address-to-region data is installed)', async () => {
    const fastify = env.server.app.getHttpAdapter().getInstance();
    const created = await fastify.inject({
      method: 'POST',
      url: '/api/desktop-logins',
      remoteAddress: '203.0.113.9',
      headers: { 'user-agent': CHROME_ON_WINDOWS },
    });
    const { ticket } = created.json<{ ticket: string }>();
    const staff = await phoneOf(env, 'o_desk_far', ['staff']);
    const details = desktopLoginDetailsSchema.parse((await onPhone(env, 'scan', ticket, staff.token)).body);
    expect(details.place).toBe('未知地区');
  });

  it('ends a desktop session after 8 hours idle, while a mini-program session idle as long goes on', async () => {
    const phone = await phoneOf(env, 'o_desk_idle', ['staff']);
    const desktop = await desktopSignIn(env, phone.token);
    const nineHoursAgo = new Date(Date.now() - 9 * 3600 * 1000);
    await sessions(env).update({ tokenHash: hashOf(desktop.token) }, { lastSeenAt: nineHoursAgo });
    await sessions(env).update({ tokenHash: hashOf(phone.token) }, { lastSeenAt: nineHoursAgo });
    expect(codeOf(await env.server.get('/api/me', { headers: bearer(desktop.token) }))).toEqual([
      401,
      'SESSION_EXPIRED',
    ]);
    expect((await env.server.get('/api/me', { headers: bearer(phone.token) })).status).toBe(200);
    // An ended session is not listed.
    const listed = deviceSessionListSchema.parse(
      (await env.server.get('/api/me/sessions', { headers: bearer(phone.token) })).body,
    );
    expect(listed.items.map((item) => item.kind)).toEqual(['miniapp']);
  });

  it("answers 404 to revoking someone else's session or one already ended", async () => {
    const owner = await phoneOf(env, 'o_desk_owner', ['staff']);
    const other = await phoneOf(env, 'o_desk_other', []);
    const desktop = await desktopSignIn(env, owner.token);
    const { id } = await sessions(env).findOneByOrFail({ tokenHash: hashOf(desktop.token) });
    const foreign = await env.server.get(`/api/me/sessions/${id}`, {
      method: 'DELETE',
      headers: bearer(other.token),
    });
    expect(codeOf(foreign)).toEqual([404, 'DEVICE_SESSION_NOT_FOUND']);
    expect((await env.server.get('/api/me', { headers: bearer(desktop.token) })).status).toBe(200);
    const mine = () =>
      env.server.get(`/api/me/sessions/${id}`, { method: 'DELETE', headers: bearer(owner.token) });
    expect((await mine()).status).toBe(204);
    expect(codeOf(await mine())).toEqual([404, 'DEVICE_SESSION_NOT_FOUND']);
  });

  it('streams the states as server-sent events and hands the session over once', async () => {
    const phone = await phoneOf(env, 'o_desk_stream', ['staff']);
    const { ticket, pollToken } = await createTicket(env);
    const response = await fetch(`${env.server.baseUrl}/api/desktop-logins/${ticket}`, {
      headers: { accept: 'text/event-stream', 'x-poll-token': pollToken },
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const events = async (count: number) => {
      while ((text.match(/^data: /gm) ?? []).length < count) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
      return text
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => desktopLoginStateSchema.parse(JSON.parse(line.slice('data: '.length))));
    };
    expect((await events(1)).map((e) => e.state)).toEqual(['pending']);
    expect((await onPhone(env, 'scan', ticket, phone.token)).status).toBe(200);
    expect((await events(2)).map((e) => e.state)).toEqual(['pending', 'scanned']);
    expect((await onPhone(env, 'confirm', ticket, phone.token)).status).toBe(204);
    const last = (await events(3))[2];
    expect(last).toMatchObject({ state: 'confirmed', token: expect.any(String) as string });
    // The stream ends after the hand-over, and a poll after it learns nothing more.
    expect((await reader.read()).done).toBe(true);
    expect((await poll(env, ticket, pollToken)).body).toEqual({ state: 'expired' });
    expect(await sessions(env).countBy({ userId: phone.user.id, kind: 'desktop' })).toBe(1);
  });
});

describe('server-sent events on shutdown', () => {
  it('ends open streams, so the server does not wait out a ticket to stop', async () => {
    const env = await startAuthEnv();
    const { ticket, pollToken } = await createTicket(env);
    const response = await fetch(`${env.server.baseUrl}/api/desktop-logins/${ticket}`, {
      headers: { accept: 'text/event-stream', 'x-poll-token': pollToken },
    });
    const reader = response.body!.getReader();
    await reader.read();
    const started = Date.now();
    await env.close();
    expect(Date.now() - started).toBeLessThan(10_000);
    // The stream was ended by the server, not left hanging.
    let done = false;
    while (!done) ({ done } = await reader.read());
  });
});
