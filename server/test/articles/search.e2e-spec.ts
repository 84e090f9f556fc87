import { articleListResponseSchema, errorBodySchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { ArticleEntity } from '../../src/modules/articles/article.entity';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { TEST_DB } from '../support/harness';
import { published, read, staff, visitor } from './support';

/** The titles a reader gets for this list query, as nobody or as the holder of `token`. */
async function titles(env: AuthEnv, query: string, token: string | null = null): Promise<string[]> {
  const res = await read(env, `/api/articles?${query}`, token);
  expect(res.status).toBe(200);
  return articleListResponseSchema.parse(res.body).items.map((item) => item.title);
}

const q = (keyword: string): string => `q=${encodeURIComponent(keyword)}`;
const tag = (name: string): string => `tag=${encodeURIComponent(name)}`;

describe(`article search over bodies and tags, and its cache (${TEST_DB})`, () => {
  let env: AuthEnv;
  let editor: { id: number; token: string };
  let reader: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    editor = await staff(env, 'search-editor');
    reader = await visitor(env);
  });
  afterAll(() => env.close());

  it('finds a word that appears only in the body, across inline tags but not across paragraphs', async () => {
    await published(env, editor.token, {
      title: '分会年度工作会议召开',
      summary: '会议总结了全年工作。',
      body: '<h2>会议纪要</h2><p>会上演示了量子加密巡检系统，并介绍了液<strong>冷</strong>机柜的改造。</p><p>数据</p><p>湖仓</p>',
    });
    for (const token of [null, reader.token]) {
      expect(await titles(env, q('量子加密巡检'), token)).toEqual(['分会年度工作会议召开']);
      expect(await titles(env, q('液冷机柜'), token)).toEqual(['分会年度工作会议召开']);
      expect(await titles(env, q('会议纪要'), token)).toEqual(['分会年度工作会议召开']);
    }
    // 数据 and 湖仓 are two paragraphs: no word 数据湖仓 spans them.
    expect(await titles(env, q('数据湖仓'))).toEqual([]);
  });

  it('follows an edit of the body: the old word no longer finds the article, the new one does', async () => {
    const article = await published(env, editor.token, {
      title: '标准宣贯培训通知',
      body: '<p>培训地点：西湖文化广场。</p>',
    });
    expect(await titles(env, q('西湖文化广场'))).toEqual(['标准宣贯培训通知']);
    const edit = await env.server.get(`/api/articles/${article.id}`, {
      method: 'PATCH',
      headers: { ...bearer(editor.token), 'content-type': 'application/json' },
      body: JSON.stringify({ body: '<p>培训地点：钱江新城会议中心。</p>' }),
    });
    expect(edit.status).toBe(200);
    expect(await titles(env, q('西湖文化广场'))).toEqual([]);
    expect(await titles(env, q('钱江新城'))).toEqual(['标准宣贯培训通知']);
  });

  it('a tag lists exactly the articles that carry it, not those that mention its words', async () => {
    await published(env, editor.token, { title: '绿色机房评价启动', tags: ['绿色机房', '评价'] });
    await published(env, editor.token, { title: '机房节能案例汇编', body: '<p>各单位绿色机房实践。</p>' });
    await published(env, editor.token, { title: '绿色机房评价结果公布', tags: ['绿色机房'] });
    expect(await titles(env, tag('绿色机房'))).toEqual(['绿色机房评价结果公布', '绿色机房评价启动']);
    expect(await titles(env, tag('绿色机房'), reader.token)).toEqual([
      '绿色机房评价结果公布',
      '绿色机房评价启动',
    ]);
    expect(await titles(env, `${tag('绿色机房')}&category=policy`)).toEqual([]);
    expect(await titles(env, tag('绿色'))).toEqual([]);
    // A keyword search finds the tag's words too, in tags and bodies alike.
    expect(await titles(env, q('绿色机房'))).toHaveLength(3);

    const mixed = await read(env, `/api/articles?${tag('绿色机房')}&${q('评价')}`, null);
    expect(mixed.status).toBe(400);
    expect(errorBodySchema.parse(mixed.body).code).toBe('VALIDATION_FAILED');
    const long = await read(env, `/api/articles?${tag('一二三四五六七八九十一二三')}`, null);
    expect(long.status).toBe(400);
  });

  it('serves a frequent keyword’s first page from the cache, and a newly published match at once', async () => {
    await published(env, editor.token, {
      title: '智算中心建设研讨会（一）',
      body: '<p>讨论了算力调度平台。</p>',
    });
    // Asked often, by strangers and by a signed-in reader: the first page is cached for both.
    for (let i = 0; i < 4; i++) {
      expect(await titles(env, q('算力调度'))).toEqual(['智算中心建设研讨会（一）']);
      expect(await titles(env, q('算力调度'), reader.token)).toEqual(['智算中心建设研讨会（一）']);
      expect(await titles(env, tag('智算'))).toEqual([]);
    }
    // A change behind the application's back is not seen: the page comes from the cache.
    const dataSource = env.server.app.get(DataSource);
    const [first] = await dataSource
      .getRepository(ArticleEntity)
      .findBy({ title: '智算中心建设研讨会（一）' });
    await dataSource.getRepository(ArticleEntity).update({ id: first?.id }, { title: '改名未经发布' });
    expect(await titles(env, q('算力调度'))).toEqual(['智算中心建设研讨会（一）']);
    expect(await titles(env, q(' 算力调度 '), reader.token)).toEqual(['智算中心建设研讨会（一）']);

    // Publishing forgets the feed and every cached search with it.
    await published(env, editor.token, {
      title: '智算中心建设研讨会（二）',
      body: '<p>再谈算力调度。</p>',
      tags: ['智算'],
    });
    expect(await titles(env, q('算力调度'))).toEqual(['智算中心建设研讨会（二）', '改名未经发布']);
    expect(await titles(env, q('算力调度'), reader.token)).toEqual([
      '智算中心建设研讨会（二）',
      '改名未经发布',
    ]);
    expect(await titles(env, tag('智算'))).toEqual(['智算中心建设研讨会（二）']);
  });

  it('pages a body search by cursor past the cached first page', async () => {
    for (let i = 0; i < 3; i++) {
      await published(env, editor.token, { title: `巡检周报第${i}期`, body: '<p>本周设备巡检无异常。</p>' });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const query: string = `${q('设备巡检')}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await read(env, `/api/articles?${query}`, null);
      const page = articleListResponseSchema.parse(res.body);
      seen.push(...page.items.map((item) => item.title));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(['巡检周报第2期', '巡检周报第1期', '巡检周报第0期']);
  });
});
