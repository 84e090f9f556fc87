import { ArticleSearch } from '../../src/modules/articles/article-search';
import { ArticleSearchEntity } from '../../src/modules/articles/article-search.entity';
import { ArticleEntity } from '../../src/modules/articles/article.entity';
import { documentTokens } from '../../src/modules/articles/search-tokens';
import {
  fillArticleSearchMonths,
  reindexArticleSearch,
} from '../../src/database/migrations/reindex-article-search';
import { TEST_DB } from '../support/harness';
import { type MediumEnv, startMedium } from '../support/medium';

describe(`the migration that indexes article bodies (${TEST_DB})`, () => {
  let env: MediumEnv;
  beforeAll(async () => {
    env = await startMedium();
  });
  afterAll(() => env.close());

  const saveArticle = (publishedAt: Date) =>
    env.dataSource.getRepository(ArticleEntity).save({
      category: 'standard',
      title: '旧文章',
      summary: '迁移之前写入',
      body: '<p>正文提到边缘计算节点。</p>',
      visibility: 'public',
      state: 'published',
      pinned: false,
      coverFileId: null,
      attachmentFileIds: [],
      tags: ['边缘'],
      unitId: null,
      submittedBy: null,
      contentFlagged: false,
      rejectReason: null,
      readCount: 0,
      createdBy: 1,
      createdAt: publishedAt,
      updatedAt: publishedAt,
      publishedAt,
      decidedAt: null,
    });

  it('indexes again every article written before bodies and tags were indexed', async () => {
    const saved = await saveArticle(new Date(Date.UTC(2026, 2, 3, 4, 5, 6)));
    // As the index was written before: title and summary, and the month.
    await env.dataSource
      .getRepository(ArticleSearchEntity)
      .upsert(
        { articleId: saved.id, tokens: [...documentTokens('旧文章', '迁移之前写入'), 'zm202603'].join(' ') },
        ['articleId'],
      );
    const search = env.app.get(ArticleSearch);
    expect(await search.find('边缘计算', { limit: 10 })).toEqual([]);

    const runner = env.dataSource.createQueryRunner();
    try {
      await reindexArticleSearch(runner);
    } finally {
      await runner.release();
    }
    expect(await search.find('边缘计算', { limit: 10 })).toEqual([saved.id]);
    expect(await search.find('旧文章', { limit: 10 })).toEqual([saved.id]);
    expect(await search.findTagged('边缘', { limit: 10 })).toEqual([saved.id]);
  });

  (TEST_DB === 'mariadb' ? it : it.skip)(
    'fills the pieces filed by month, which a search of recent months reads on MariaDB',
    async () => {
      const saved = await saveArticle(new Date());
      const search = env.app.get(ArticleSearch);
      await search.index({ ...saved, publishedAt: saved.publishedAt });
      await env.dataSource.query('DELETE FROM article_search_months');
      // The older article of the test above is still found, from `article_search`.
      expect(await search.find('边缘计算', { limit: 10 })).not.toContain(saved.id);

      const runner = env.dataSource.createQueryRunner();
      try {
        await fillArticleSearchMonths(runner);
      } finally {
        await runner.release();
      }
      expect((await search.find('边缘计算', { limit: 10 }))[0]).toBe(saved.id);
      expect((await search.findTagged('边缘', { limit: 10 }))[0]).toBe(saved.id);
    },
  );
});
