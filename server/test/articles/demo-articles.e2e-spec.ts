import { articleDetailSchema, articleListResponseSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { ArticleEntity } from '../../src/modules/articles/article.entity';
import { DemoArticlesSeed } from '../../src/modules/articles/demo-articles.seed';
import { startAuthEnv } from '../support/auth-env';
import { sanitizeArticleHtml } from '../../src/modules/articles/article-html';
import { read } from './support';

describe('articles: the demo content of development', () => {
  it('with the WeChat stand-in served: published articles across categories, a pinned notice, a members-only one, 会员风采 of the demo unit; once only', async () => {
    const env = await startAuthEnv((config) => ({
      ...config,
      wechat: { ...config.wechat, serveStandin: true },
    }));
    try {
      const list = articleListResponseSchema.parse((await read(env, '/api/articles?limit=50', null)).body);
      expect(list.items.length).toBeGreaterThanOrEqual(6);
      expect(new Set(list.items.map((item) => item.category)).size).toBeGreaterThanOrEqual(6);
      const pins = articleListResponseSchema.parse((await read(env, '/api/articles?pinned=true', null)).body);
      expect(pins.items.map((item) => item.category)).toEqual(['notice']);
      expect(list.items.find((item) => item.visibility === 'members')?.locked).toBe(true);
      expect(list.items.find((item) => item.category === 'member_showcase')?.unitName).toBe('示例会员单位');
      // What staff would have saved: every demo body passes the allowlist unchanged.
      for (const item of list.items) {
        const detail = articleDetailSchema.parse((await read(env, `/api/articles/${item.id}`, null)).body);
        if (detail.body !== undefined) expect(sanitizeArticleHtml(detail.body)).toBe(detail.body);
      }
      await env.server.app.get(DemoArticlesSeed).onModuleInit();
      expect(await env.server.app.get(DataSource).getRepository(ArticleEntity).count()).toBe(
        list.items.length,
      );
    } finally {
      await env.close();
    }
  });

  it('without the stand-in (production, tests): no articles', async () => {
    const env = await startAuthEnv();
    try {
      expect(await env.server.app.get(DataSource).getRepository(ArticleEntity).count()).toBe(0);
    } finally {
      await env.close();
    }
  });
});
