import { DataSource } from 'typeorm';
import { SubmissionMediaCheckEntity } from '../../src/modules/articles/submission-media-check.entity';
import { type ConcurrencyCase, atOnce, tally } from '../support/concurrency';
import { mediaVerdict, signedQuery } from './support';

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/wechat/push',
    title: 'WeChat pushing one verdict four times at once (its retries): all acknowledged, kept once',
    async run(env) {
      const repo = env.server.app.get(DataSource).getRepository(SubmissionMediaCheckEntity);
      await repo.insert({
        articleId: 1,
        fileId: 1,
        traceId: 'trace-once',
        fetchToken: 'f'.repeat(32),
        result: null,
        createdAt: new Date(),
      });
      const answers = await atOnce(
        env,
        Array.from({ length: 4 }, () => ({
          method: 'POST' as const,
          path: `/api/wechat/push?${new URLSearchParams(signedQuery())}`,
          body: mediaVerdict('trace-once', 'review'),
        })),
      );
      expect(tally(answers)).toEqual({ '200': 4 });
      expect(await repo.findBy({ traceId: 'trace-once' })).toMatchObject([{ result: 'review' }]);
    },
  },
];
