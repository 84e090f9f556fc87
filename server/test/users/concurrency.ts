import { meSchema } from '@itss/shared';
import { PHONE_ATTEMPTS_PER_WINDOW } from '../../src/modules/users/phone-throttle';
import { UsersService } from '../../src/modules/users/users.service';
import { login, phoneCode, standinStats } from '../support/auth-env';
import { type ConcurrencyCase, atOnce, auditRows, tally } from '../support/concurrency';

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/me/phone',
    title: 'one number bound four times at once: all 200, bound, one audit row for the one change',
    async run(env) {
      const { token, user } = await login(env, 'o_binder');
      const codes = await Promise.all([1, 2, 3, 4].map(() => phoneCode(env, '13912345678')));
      const answers = await atOnce(
        env,
        codes.map((code) => ({ method: 'POST', path: '/api/me/phone', token, body: { code } })),
      );
      expect(tally(answers)).toEqual({ '200': 4 });
      expect(answers.map((a) => meSchema.parse(a.body).phoneMasked)).toEqual(Array(4).fill('139****5678'));
      expect((await env.server.app.get(UsersService).findById(user.id))?.phone).toBe('13912345678');
      expect(await auditRows(env, 'user.phone_bound', user.id)).toHaveLength(1);
    },
  },
  {
    route: 'POST /api/me/phone',
    title: '40 junk codes from one person at once: WeChat is asked at most the limit, the rest get 429',
    async run(env) {
      const { token } = await login(env, 'o_prober');
      const answers = await atOnce(
        env,
        Array.from({ length: 40 }, (_, i) => ({
          method: 'POST' as const,
          path: '/api/me/phone',
          token,
          body: { code: `junk-${i}` },
        })),
      );
      const limit = PHONE_ATTEMPTS_PER_WINDOW;
      expect(tally(answers)).toEqual({ '401 WECHAT_CODE_INVALID': limit, '429 RATE_LIMITED': 40 - limit });
      expect((await standinStats(env)).getuserphonenumber).toBe(limit);
    },
  },
];
