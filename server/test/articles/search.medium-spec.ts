import type { ArticleCategory, ArticleState } from '@itss/shared';
import { ArticleSearch } from '../../src/modules/articles/article-search';
import { ArticleEntity } from '../../src/modules/articles/article.entity';
import { TEST_DB } from '../support/harness';
import { type MediumEnv, startMedium } from '../support/medium';

/** Whole seconds: MariaDB's datetime keeps no fractions, and the feed's ties are on the second. */
const at = (minutes: number): Date => new Date(Date.UTC(2026, 0, 1, 8, 0, 0) + minutes * 60_000);

describe(`article search (${TEST_DB})`, () => {
  let env: MediumEnv;
  let search: ArticleSearch;
  let minute = 0;

  /** An article written straight into its table, indexed as the articles service does on save. */
  async function article(
    title: string,
    summary: string,
    {
      category = 'standard',
      state = 'published',
      publishedAt = at(++minute),
    }: { category?: ArticleCategory; state?: ArticleState; publishedAt?: Date | null } = {},
  ): Promise<number> {
    const now = new Date();
    const saved = await env.dataSource.getRepository(ArticleEntity).save({
      category,
      title,
      summary,
      body: '<p>正文</p>',
      visibility: 'public',
      state,
      pinned: false,
      coverFileId: null,
      attachmentFileIds: [],
      tags: [],
      unitId: null,
      submittedBy: null,
      contentFlagged: false,
      rejectReason: null,
      readCount: 0,
      createdBy: 1,
      createdAt: now,
      updatedAt: now,
      publishedAt: state === 'draft' ? null : publishedAt,
      decidedAt: null,
    });
    await search.index(saved);
    return saved.id;
  }

  const find = (q: string, options: Partial<Parameters<ArticleSearch['find']>[1]> = {}) =>
    search.find(q, { limit: 50, ...options });

  let ids: Record<string, number>;
  beforeAll(async () => {
    env = await startMedium();
    search = env.app.get(ArticleSearch);
    ids = {
      itss: await article('信息技术服务标准（ITSS）体系 2025 版发布', '介绍新版体系的标准化工作要点'),
      dataCenter: await article('数据安全管理办法解读', '对数据中心运维单位提出新的要求', {
        category: 'policy',
      }),
      cloud: await article('云计算产业发展报告', '本报告由分会会员单位共同编写', { category: 'industry' }),
      summaryOnly: await article('年度工作安排', '开展运维服务符合性评估，覆盖 ITSS 会员单位', {
        category: 'notice',
      }),
      nearMiss: await article('ITSSX 与 ITS 的区别', '20250 号文件；标准，化工行业', {
        category: 'industry',
      }),
      draft: await article('标准化草稿', '尚未发布的数据中心标准', { state: 'draft' }),
      unpublished: await article('已下线的标准化通知', '数据中心', { state: 'unpublished' }),
      archived: await article('已归档的标准化通知', '数据中心', { state: 'archived' }),
    };
  });
  afterAll(() => env.close());

  it('finds Chinese keywords of two, three and four characters in the title', async () => {
    expect(await find('标准')).toEqual([ids.nearMiss, ids.itss]);
    expect(await find('标准化')).toEqual([ids.itss]);
    expect(await find('产业发展')).toEqual([ids.cloud]);
    expect(await find('数据中心')).toEqual([ids.dataCenter]);
  });

  it('finds a term that is only in the summary', async () => {
    expect(await find('符合性评估')).toEqual([ids.summaryOnly]);
    expect(await find('共同编写')).toEqual([ids.cloud]);
  });

  it('finds Latin words and numbers whole, alone and mixed with Chinese, in any case', async () => {
    expect(await find('ITSS')).toEqual([ids.summaryOnly, ids.itss]);
    expect(await find('itss')).toEqual([ids.summaryOnly, ids.itss]);
    expect(await find('2025')).toEqual([ids.itss]);
    expect(await find('ITSS 2025')).toEqual([ids.itss]);
    expect(await find('ITSS 评估')).toEqual([ids.summaryOnly]);
    expect(await find('２０２５版')).toEqual([ids.itss]);
  });

  it('finds nothing across a word boundary or punctuation', async () => {
    // "ITSSX", "ITS" and "20250" are other words; "标准，化工" has no 标准化.
    expect(await find('ITS')).toEqual([ids.nearMiss]);
    expect(await find('20250')).toEqual([ids.nearMiss]);
    expect(await find('标准化')).not.toContain(ids.nearMiss);
    expect(await find('体系发布')).toEqual([]);
  });

  it('needs every term, and answers a query of only punctuation with nothing', async () => {
    expect(await find('数据 报告')).toEqual([]);
    expect(await find('，。！？ ...')).toEqual([]);
    expect(await find('')).toEqual([]);
    expect(await find('"+-*()<>~')).toEqual([]);
  });

  it('finds only published articles, in one category when asked', async () => {
    const found = await find('数据中心');
    for (const hidden of [ids.draft, ids.unpublished, ids.archived]) expect(found).not.toContain(hidden);
    expect(await find('标准', { category: 'standard' })).toEqual([ids.itss]);
    expect(await find('标准', { category: 'policy' })).toEqual([]);
  });

  it('follows state changes without reindexing, and edits once reindexed', async () => {
    const id = await article('智能运维白皮书', '面向会员单位');
    expect(await find('白皮书')).toEqual([id]);
    const repository = env.dataSource.getRepository(ArticleEntity);
    await repository.update(id, { state: 'unpublished' });
    expect(await find('白皮书')).toEqual([]);
    await repository.update(id, { state: 'published', title: '智能运维蓝皮书' });
    await search.index({
      id,
      title: '智能运维蓝皮书',
      summary: '面向会员单位',
      body: '',
      publishedAt: at(minute),
    });
    expect(await find('白皮书')).toEqual([]);
    expect(await find('蓝皮书')).toEqual([id]);
    await search.index({
      id,
      title: '智能运维蓝皮书',
      summary: '面向会员单位',
      body: '',
      publishedAt: at(minute),
    });
    expect(await find('蓝皮书')).toEqual([id]);
  });

  it('pages newest first by keyset, without repeats or gaps, also among equal publication times', async () => {
    const tie = at(500);
    const made: { id: number; publishedAt: Date }[] = [];
    for (let i = 0; i < 23; i++) {
      const publishedAt = i % 3 === 0 ? tie : at(400 + i * 7);
      made.push({
        id: await article(`月报第${i}期`, '行业动态汇总', { category: 'monthly_report', publishedAt }),
        publishedAt,
      });
    }
    const expected = made
      .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.id - a.id)
      .map((m) => m.id);
    const seen: number[] = [];
    let after: { publishedAt: Date; id: number } | undefined;
    for (;;) {
      const page = await find('月报', { limit: 5, after, category: 'monthly_report' });
      seen.push(...page);
      if (page.length < 5) break;
      const last = made.find((m) => m.id === page.at(-1));
      if (!last) throw new Error('unknown id');
      after = { publishedAt: last.publishedAt, id: last.id };
    }
    expect(seen).toEqual(expected);
  });

  it('pages through hundreds of matches month by month, then the older ones, without repeats or gaps', async () => {
    // More than FEW_MATCHES: the search reads month windows back from now, then everything older.
    const day = 86_400_000;
    const now = Math.floor(Date.now() / 1000) * 1000;
    const made: { id: number; publishedAt: Date }[] = [];
    for (let i = 0; i < 150; i++) {
      const publishedAt = new Date(now - i * 9 * day - (i % 7) * 1000);
      made.push({
        id: await article(`周报第${i}期`, '行业动态', { category: 'journal', publishedAt }),
        publishedAt,
      });
    }
    for (let i = 0; i < 60; i++) {
      // Five years ago, several in one second: older than every window.
      const publishedAt = new Date(now - 5 * 365 * day + Math.floor(i / 3) * 1000);
      made.push({
        id: await article(`周报汇编${i}`, '往年资料', { category: 'journal', publishedAt }),
        publishedAt,
      });
    }
    const expected = made
      .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.id - a.id)
      .map((m) => m.id);
    for (const limit of [20, 50]) {
      const seen: number[] = [];
      let after: { publishedAt: Date; id: number } | undefined;
      for (;;) {
        const page = await find('周报', { limit, after });
        seen.push(...page);
        if (page.length < limit) break;
        const last = made.find((m) => m.id === page.at(-1));
        if (!last) throw new Error('unknown id');
        after = { publishedAt: last.publishedAt, id: last.id };
      }
      expect(seen).toEqual(expected);
    }
    expect(await find('周报', { category: 'journal', limit: 5 })).toEqual(expected.slice(0, 5));
    expect(await find('周报', { category: 'policy', limit: 5 })).toEqual([]);
    expect(await find('周报汇编', { limit: 100 })).toEqual(expected.slice(150));
  });

  it('reads through the full-text index, not a scan of articles, in every query it makes', async () => {
    const manager = env.dataSource.manager;
    const query = jest.spyOn(manager, 'query');
    await find('标准化', { category: 'standard', after: { publishedAt: at(1000), id: 1 << 30 } });
    const calls = query.mock.calls.map(([sql, parameters]) => [sql, parameters] as const);
    query.mockRestore();
    // The window of the last months, then the older matches; MariaDB reads the window from the
    // pieces filed by month, so that it reads only those months' articles of each piece.
    expect(calls).toHaveLength(2);
    for (const [i, [sql, parameters]] of calls.entries()) {
      if (TEST_DB === 'sqlite') {
        const plan = await manager.query<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, parameters);
        expect(plan.map((step) => step.detail).slice(0, 2)).toEqual([
          expect.stringMatching(/^SCAN f VIRTUAL TABLE INDEX/),
          expect.stringMatching(/^SEARCH a USING INTEGER PRIMARY KEY/),
        ]);
      } else {
        const plan = await manager.query<{ table: string; type: string; key: string | null }[]>(
          `EXPLAIN ${sql}`,
          parameters,
        );
        expect(plan.map(({ table, type, key }) => ({ table, type, key }))).toEqual([
          {
            table: 's',
            type: 'fulltext',
            key: i === 0 ? 'ft_article_search_months_tokens' : 'ft_article_search_tokens',
          },
          { table: 'a', type: 'eq_ref', key: 'PRIMARY' },
        ]);
      }
    }
  });
});
