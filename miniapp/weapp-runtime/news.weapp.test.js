/* global describe, test, expect, beforeAll, afterAll, afterEach -- jest's */
// The reading side of articles in WeChat's runtime against the real server: 首页's 最新资讯, the 资讯 tab
// (categories, search, the article row), one article (body, read count, share card and timeline,
// the locked teaser for a visitor and the body for a member unit's contact), opened cold from a
// share card. Staff publish the articles through the API in beforeAll.
const { ARTICLE_CATEGORY_NAMES } = require('@itss/shared');
const { Weapp, compileBuild } = require('./harness');
const { compilersUnavailable } = require('./harness/compile');
const { startServer } = require('./harness/server');
const { loginAs, publishArticle } = require('./harness/seed');

const unavailable = compilersUnavailable();
if (unavailable && process.env.CI === 'true')
  throw new Error(`weapp runtime suite cannot run: ${unavailable}`);
const suite = unavailable ? describe.skip : describe;

const ARTICLE_PAGE = 'packages/news/pages/article/index';
const PUBLIC = {
  category: 'standard',
  title: '《信息技术服务 运行维护》系列标准修订启动',
  summary: '分会牵头启动运行维护系列标准修订，征集会员单位参编。',
  body: '<h2>一、修订背景</h2><p>运行维护系列标准发布已满五年，现启动修订。</p><table><tbody><tr><th>阶段</th><td>征求意见</td></tr></tbody></table>',
  tags: ['运行维护'],
};
const MEMBERS = {
  category: 'monthly_report',
  visibility: 'members',
  title: '2026年第11期会员月报',
  summary: '本期月报汇总行业政策与会员动态。',
  body: '<p>本月会员单位新增十二家。</p>',
};

/** @type {import('./harness/server').TestServer} */
let server;
/** @type {Weapp | null} */
let app = null;
let publicId;
let membersId;

async function launch(persona, path) {
  app = await Weapp.launch({ origin: server.origin, persona, path });
  return app;
}

suite('资讯 in WeChat’s runtime', () => {
  beforeAll(async () => {
    compileBuild();
    server = await startServer();
    const staffToken = await loginAs(server.origin, 'staff');
    publicId = await publishArticle(server.origin, staffToken, PUBLIC);
    membersId = await publishArticle(server.origin, staffToken, MEMBERS);
  }, 60000);

  afterAll(async () => {
    await server?.close();
  });

  afterEach(() => {
    const problems = app?.problems ?? [];
    app?.close();
    app = null;
    expect(problems).toEqual([]);
  });

  test('首页 shows 最新资讯 from the server; 更多 switches to the 资讯 tab', async () => {
    await launch('visitor');
    await app.waitForText(PUBLIC.title);
    expect(app.text()).toContain('最新资讯');
    expect(app.text()).toContain('会员服务内容');
    await app.tap({ selector: '.section__more' });
    expect(app.callsTo('switchTab')).toEqual([expect.objectContaining({ url: '/pages/news/index' })]);
    await app.waitForRoute('pages/news/index');
    await app.waitForText(PUBLIC.title);
  });

  test('资讯: a category tab asks for its category, a search for its keyword; a row opens its article', async () => {
    await launch('visitor', 'pages/news/index');
    await app.waitForText(PUBLIC.title);
    // The visitor sees the members' article as a locked row (the demo content has others).
    const locked = app.queryAll('.article-row', { hasText: MEMBERS.title });
    expect(locked.map((row) => row.textContent)).toEqual([expect.stringContaining('会员可见')]);
    await app.tap({ selector: '.news-tabs__tab', hasText: ARTICLE_CATEGORY_NAMES.standard });
    await app.waitForText(PUBLIC.title);
    expect(app.text()).not.toContain(MEMBERS.title);
    expect(app.requests.some((request) => request.url.includes('/api/articles?category=standard'))).toBe(
      true,
    );

    await app.input('.news-search__input', '运行维护');
    await app.tap('搜索');
    await app.waitForText(PUBLIC.title);
    expect(app.requests.some((request) => request.url.includes(`q=${encodeURIComponent('运行维护')}`))).toBe(
      true,
    );

    await app.tap({ selector: '.article-row', hasText: PUBLIC.title });
    expect(app.callsTo('navigateTo')).toEqual([
      expect.objectContaining({ url: `/${ARTICLE_PAGE}?id=${publicId}` }),
    ]);
    await app.waitForRoute(ARTICLE_PAGE);
    await app.waitForText('阅读');
  });

  test('a share card opens the article cold: body and tags, one read counted, the card and the timeline lead back', async () => {
    await launch('visitor', `${ARTICLE_PAGE}?id=${publicId}`);
    await app.waitForText(PUBLIC.title);
    expect(app.text()).toContain(ARTICLE_CATEGORY_NAMES.standard);
    expect(app.text()).toContain('#运行维护');
    // rich-text is inert here: its nodes must cross the bridge as JSON, with the table kept.
    const data = JSON.stringify(app.page.instance.data);
    expect(data).toContain('运行维护系列标准发布已满五年');
    expect(data).toContain('征求意见');
    await app.idle();
    const reads = app.requests.filter((request) => request.url.endsWith(`/api/articles/${publicId}/reads`));
    expect(reads).toEqual([expect.objectContaining({ method: 'POST', statusCode: 204 })]);

    expect(app.openTypeOf(app.findText('分享'))).toBe('share');
    const card = app.page.instance.onShareAppMessage({ from: 'button', target: {} });
    expect(card).toMatchObject({ title: PUBLIC.title, path: `/${ARTICLE_PAGE}?id=${publicId}` });
    const timeline = app.page.instance.onShareTimeline();
    expect(timeline).toMatchObject({ title: PUBLIC.title, query: `id=${publicId}` });
  });

  test('a members’ article: the visitor sees the teaser and 申请入会; a member unit’s contact reads it', async () => {
    await launch('visitor', `${ARTICLE_PAGE}?id=${membersId}`);
    await app.waitForText('本文仅对会员单位联系人开放');
    expect(app.text()).toContain(MEMBERS.summary);
    expect(JSON.stringify(app.page.instance.data)).not.toContain('本月会员单位新增十二家');
    await app.tap('申请入会');
    expect(app.callsTo('navigateTo')).toEqual([
      expect.objectContaining({ url: '/packages/join/pages/apply/index' }),
    ]);
    expect(app.problems).toEqual([]);
    app.close();

    await launch('primary_contact', `${ARTICLE_PAGE}?id=${membersId}`);
    await app.waitForText(MEMBERS.title);
    await app.idle();
    expect(JSON.stringify(app.page.instance.data)).toContain('本月会员单位新增十二家');
    expect(app.text()).not.toContain('本文仅对会员单位联系人开放');
  });

  test('an article that does not exist says so and leads to 资讯', async () => {
    await launch('visitor', `${ARTICLE_PAGE}?id=999999`);
    await app.waitForText('文章不存在或已下线');
    await app.tap('浏览资讯');
    expect(app.callsTo('switchTab')).toEqual([expect.objectContaining({ url: '/pages/news/index' })]);
  });
});
