import { desktopLoginStateSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { SessionEntity } from '../../src/modules/auth/session.entity';
import { atOnce, auditRows, tally, times } from '../support/concurrency';
import { type ConcurrencyCase } from '../support/concurrency';
import { createTicket, desktopSignIn, phoneOf, ticketRow } from './support';

const desktopSessions = (env: Parameters<ConcurrencyCase['run']>[0], userId: number) =>
  env.server.app.get(DataSource).getRepository(SessionEntity).countBy({ userId, kind: 'desktop' });

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/desktop-logins',
    title: '30 tickets asked from one address at once: 20 made, 10 refused (429)',
    async run(env) {
      const answers = await atOnce(env, times(30, { method: 'POST', path: '/api/desktop-logins' }));
      expect(tally(answers)).toEqual({ '201': 20, '429 RATE_LIMITED': 10 });
    },
  },
  {
    route: 'POST /api/desktop-logins/:ticket/scan',
    title:
      'two staff phones scan one ticket at once, three times each: one phone owns it, the other is refused',
    async run(env) {
      const a = await phoneOf(env, 'o_scan_a', ['staff']);
      const b = await phoneOf(env, 'o_scan_b', ['staff']);
      const { ticket } = await createTicket(env);
      const path = `/api/desktop-logins/${ticket}/scan`;
      const answers = await atOnce(env, [
        ...times(3, { method: 'POST', path, token: a.token }),
        ...times(3, { method: 'POST', path, token: b.token }),
      ]);
      expect(tally(answers)).toEqual({ '200': 3, '409 DESKTOP_LOGIN_SCANNED_BY_OTHER': 3 });
      const owner = answers[0]?.status === 200 ? a : b;
      expect((await ticketRow(env, ticket))?.scannedBy).toBe(owner.user.id);
    },
  },
  {
    route: 'POST /api/desktop-logins/:ticket/confirm',
    title: 'two phones confirm one ticket at once, then six polls collect it: one confirmation, one session',
    async run(env) {
      const a = await phoneOf(env, 'o_confirm_a', ['staff']);
      const b = await phoneOf(env, 'o_confirm_b', ['staff']);
      const { ticket, pollToken } = await createTicket(env);
      const path = `/api/desktop-logins/${ticket}/confirm`;
      const answers = await atOnce(env, [
        ...times(3, { method: 'POST', path, token: a.token }),
        ...times(3, { method: 'POST', path, token: b.token }),
      ]);
      expect(tally(answers)).toEqual({
        '204': 1,
        '409 DESKTOP_LOGIN_USED': 2,
        '409 DESKTOP_LOGIN_SCANNED_BY_OTHER': 3,
      });
      const winner = answers.findIndex((answer) => answer.status === 204) < 3 ? a : b;

      // The polls are GETs, but they are what makes the session: six at once hand it over once.
      const polls = await Promise.all(
        Array.from({ length: 6 }, () =>
          env.server.get(`/api/desktop-logins/${ticket}`, { headers: { 'x-poll-token': pollToken } }),
        ),
      );
      const states = polls.map((res) => desktopLoginStateSchema.parse(res.body));
      expect(states.filter((s) => s.state === 'confirmed' && s.token).length).toBe(1);
      expect(states.filter((s) => s.state === 'expired').length).toBe(5);
      expect(await desktopSessions(env, winner.user.id)).toBe(1);
      expect(await desktopSessions(env, (winner === a ? b : a).user.id)).toBe(0);
      expect(await auditRows(env, 'auth.desktop_login')).toHaveLength(1);
    },
  },
  {
    route: 'POST /api/desktop-logins/:ticket/cancel',
    title: 'the scanning phone cancels and confirms at once: exactly one applies, and the desktop agrees',
    async run(env) {
      const phone = await phoneOf(env, 'o_cancel', ['staff']);
      const { ticket, pollToken } = await createTicket(env);
      const base = `/api/desktop-logins/${ticket}`;
      expect(
        (
          await env.server.get(`${base}/scan`, {
            method: 'POST',
            headers: { authorization: `Bearer ${phone.token}` },
          })
        ).status,
      ).toBe(200);
      const answers = await atOnce(env, [
        ...times(3, { method: 'POST', path: `${base}/cancel`, token: phone.token }),
        ...times(3, { method: 'POST', path: `${base}/confirm`, token: phone.token }),
      ]);
      const cancels = tally(answers.slice(0, 3));
      const confirms = tally(answers.slice(3));
      const status = (await ticketRow(env, ticket))?.status;
      if (status === 'cancelled') {
        expect({ cancels, confirms }).toEqual({
          cancels: { '204': 3 },
          confirms: { '409 DESKTOP_LOGIN_USED': 3 },
        });
        expect(
          desktopLoginStateSchema.parse(
            (await env.server.get(base, { headers: { 'x-poll-token': pollToken } })).body,
          ),
        ).toEqual({ state: 'expired' });
      } else {
        expect(status).toBe('confirmed');
        expect({ cancels, confirms }).toEqual({
          cancels: { '409 DESKTOP_LOGIN_USED': 3 },
          confirms: { '204': 1, '409 DESKTOP_LOGIN_USED': 2 },
        });
      }
    },
  },
  {
    route: 'DELETE /api/me/sessions/:id',
    title: 'six revocations of one desktop session at once: one 204 (the rest 404), one audit row, 401 after',
    async run(env) {
      const phone = await phoneOf(env, 'o_revoke', ['staff']);
      const desktop = await desktopSignIn(env, phone.token);
      const ds = env.server.app.get(DataSource);
      const { id } = await ds
        .getRepository(SessionEntity)
        .findOneByOrFail({ userId: phone.user.id, kind: 'desktop' });
      const answers = await atOnce(
        env,
        times(6, { method: 'DELETE', path: `/api/me/sessions/${id}`, token: phone.token }),
      );
      expect(tally(answers)).toEqual({ '204': 1, '404 DEVICE_SESSION_NOT_FOUND': 5 });
      expect(await auditRows(env, 'auth.session_revoked', phone.user.id)).toHaveLength(1);
      expect(
        (await env.server.get('/api/me', { headers: { authorization: `Bearer ${desktop.token}` } })).status,
      ).toBe(401);
    },
  },
];
