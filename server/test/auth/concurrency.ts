import { loginResponseSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { SessionEntity } from '../../src/modules/auth/session.entity';
import { MAX_FAILED_LOGINS_PER_MINUTE } from '../../src/modules/auth/login-throttle';
import { UserEntity } from '../../src/modules/users/user.entity';
import { login, loginCode, standinStats } from '../support/auth-env';
import { type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/auth/wechat',
    title: 'four first logins of one new person at once: all 200, one account, four sessions',
    async run(env) {
      const codes = await Promise.all([1, 2, 3, 4].map(() => loginCode(env, 'o_newcomer')));
      const answers = await atOnce(
        env,
        codes.map((code) => ({ method: 'POST', path: '/api/auth/wechat', body: { code } })),
      );
      expect(tally(answers)).toEqual({ '200': 4 });
      const ids = answers.map((answer) => loginResponseSchema.parse(answer.body).user.id);
      expect(new Set(ids).size).toBe(1);
      const ds = env.server.app.get(DataSource);
      expect(await ds.getRepository(UserEntity).countBy({ openid: 'o_newcomer' })).toBe(1);
      expect(await ds.getRepository(SessionEntity).countBy({ userId: ids[0] })).toBe(4);
      expect(await auditRows(env, 'auth.login', ids[0])).toHaveLength(4);
    },
  },
  {
    route: 'POST /api/auth/wechat',
    title: '200 bad codes from one address at once: WeChat is asked at most the limit, the rest get 429',
    async run(env) {
      const answers = await atOnce(
        env,
        Array.from({ length: 200 }, (_, i) => ({
          method: 'POST' as const,
          path: '/api/auth/wechat',
          body: { code: `forged-${i}` },
        })),
      );
      const limit = MAX_FAILED_LOGINS_PER_MINUTE;
      expect(tally(answers)).toEqual({ '401 WECHAT_CODE_INVALID': limit, '429 RATE_LIMITED': 200 - limit });
      expect((await standinStats(env)).jscode2session).toBe(limit);
    },
  },
  {
    route: 'POST /api/auth/logout',
    title: 'six logouts of one session at once: 204 (or 401 once it has ended), one audit row',
    async run(env) {
      const { token, user } = await login(env, 'o_leaver');
      const answers = await atOnce(env, times(6, { method: 'POST', path: '/api/auth/logout', token }));
      // A request read after the first logout committed finds its session ended: 401, as any later
      // request with that token.
      const { '204': ended = 0, '401 SESSION_EXPIRED': late = 0, ...other } = tally(answers);
      expect({ other, all: ended + late }).toEqual({ other: {}, all: 6 });
      expect(ended).toBeGreaterThan(0);
      const sessions = await env.server.app.get(DataSource).getRepository(SessionEntity).findBy({
        userId: user.id,
      });
      expect(sessions.map((s) => s.revokedAt !== null)).toEqual([true]);
      expect(await auditRows(env, 'auth.logout', user.id)).toHaveLength(1);
    },
  },
];
