import { subscriptionCreditsResponseSchema, unreadCountResponseSchema } from '@itss/shared';
import { bearer, login } from '../support/auth-env';
import { type ConcurrencyCase, atOnce, tally, times } from '../support/concurrency';
import { notifyDecision } from './support';

const ACCEPT = { results: { 'standin-application-decision': 'accept' } };

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/notifications/subscriptions',
    title: 'six first accepts of one person at once: six credits, none lost to the first-insert race',
    async run(env) {
      const { token } = await login(env, 'o_person');
      const answers = await atOnce(
        env,
        times(6, { method: 'POST', path: '/api/notifications/subscriptions', token, body: ACCEPT }),
      );
      expect(tally(answers)).toEqual({ '200': 6 });
      const held = await env.server.get('/api/notifications/subscriptions', {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify({ results: {} }),
      });
      expect(subscriptionCreditsResponseSchema.parse(held.body).items).toEqual([
        { purpose: 'application_decision', credits: 6 },
      ]);
    },
  },
  {
    route: 'POST /api/messages/:id/read',
    title: 'one message marked read six times at once: all 204, read once',
    async run(env) {
      const { token, user } = await login(env, 'o_person');
      const id = await notifyDecision(env, user.id);
      const answers = await atOnce(
        env,
        times(6, { method: 'POST', path: `/api/messages/${id}/read`, token }),
      );
      expect(tally(answers)).toEqual({ '204': 6 });
      const count = await env.server.get('/api/messages/unread-count', { headers: bearer(token) });
      expect(unreadCountResponseSchema.parse(count.body).unread).toBe(0);
    },
  },
  {
    route: 'POST /api/messages/read-all',
    title: 'read-all six times at once while messages exist: all 204, nothing left unread',
    async run(env) {
      const { token, user } = await login(env, 'o_person');
      for (let i = 0; i < 3; i++) await notifyDecision(env, user.id);
      const answers = await atOnce(env, times(6, { method: 'POST', path: '/api/messages/read-all', token }));
      expect(tally(answers)).toEqual({ '204': 6 });
      const count = await env.server.get('/api/messages/unread-count', { headers: bearer(token) });
      expect(unreadCountResponseSchema.parse(count.body).unread).toBe(0);
    },
  },
];
