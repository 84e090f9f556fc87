import { campaignListResponseSchema } from '@itss/shared';
import { bearer, login, withRoles } from '../support/auth-env';
import { type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import { createCampaign } from './support';

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/campaigns',
    title: 'six campaigns created at once: six codes with distinct scenes, each audited once',
    async run(env) {
      await withRoles(env, 'o_staff', ['staff']);
      const { token } = await login(env, 'o_staff');
      const answers = await atOnce(
        env,
        times(6, { method: 'POST', path: '/api/campaigns', token, body: { name: '展台' } }),
      );
      expect(tally(answers)).toEqual({ '201': 6 });
      const list = campaignListResponseSchema.parse(
        (await env.server.get('/api/campaigns', { headers: bearer(token) })).body,
      );
      expect(new Set(list.items.map((c) => c.scene)).size).toBe(6);
      expect(await auditRows(env, 'campaign.created')).toHaveLength(6);
    },
  },
  {
    route: 'POST /api/campaigns/scans',
    title: 'forty scans of one code at once (a crowd at a booth): every one counted',
    async run(env) {
      const campaign = await createCampaign(env);
      const answers = await atOnce(
        env,
        times(40, { method: 'POST', path: '/api/campaigns/scans', body: { scene: campaign.scene } }),
      );
      expect(tally(answers)).toEqual({ '204': 40 });
      await withRoles(env, 'o_staff', ['staff']);
      const { token } = await login(env, 'o_staff');
      const list = campaignListResponseSchema.parse(
        (await env.server.get('/api/campaigns', { headers: bearer(token) })).body,
      );
      expect(list.items.find((c) => c.id === campaign.id)?.funnel.scans).toBe(40);
    },
  },
];
