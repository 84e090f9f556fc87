import { ArticleSearch } from '../../src/modules/articles/article-search';
import { ArticleSearchEntity } from '../../src/modules/articles/article-search.entity';
import { ArticleEntity } from '../../src/modules/articles/article.entity';
import { documentTokens } from '../../src/modules/articles/search-tokens';
import { reindexArticleSearch } from '../../src/database/migrations/reindex-article-search';
import { TEST_DB } from '../support/harness';
import { type MediumEnv, startMedium } from '../support/medium';

describe(`the migration that indexes article bodies (${TEST_DB})`, () => {
  let env: MediumEnv;
  beforeAll(async () => {
    env = await startMedium();
  });
  afterAll(() => env.close());

  it('indexes again every article written before bodies and tags were indexed', async () => {
    const publishedAt = new Date(Date.UTC(2026, 2, 3, 4, 5, 6));
    const saved = await env.dataSource.getRepository(ArticleEntity).save({
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
});
