import type { Page } from 'playwright-core';
import { screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';
import { journey, on } from './journey';

// Reading in browsers: a word that appears only in an article's body finds it on 资讯; a tag on an
// article lists the articles that carry it; and the app's first load on a phone stays small: the
// server sends the H5 files compressed, hashed ones cached for a year, and index.html shows that
// it is loading before its script runs.
let harness: Harness;
let visitor: Page;

/** In the body only: neither title nor summary nor any other article has it. */
const BODY_WORD = '液冷机柜巡检';
const TAG = '机房运维';
const TAGGED_TITLE = '数据中心液冷改造经验交流会在杭州举行';
const ALSO_TAGGED_TITLE = '机房运维人员能力评价试点启动';
const UNTAGGED_TITLE = '会员单位年度运维总结汇编';
/** What the home page may cost a phone on its first visit, all files together, as transferred. */
const FIRST_LOAD_BUDGET = 350 * 1000;

beforeAll(async () => {
  harness = await startHarness();
  visitor = harness.page;
  const token = await staffToken();
  const publish = async (title: string, body: string, tags: string[]): Promise<void> => {
    const { id } = await post<{ id: number }>(
      '/api/articles',
      {
        category: 'industry',
        title,
        summary: '分会动态。',
        body: `<p>${body}</p>`,
        visibility: 'public',
        tags,
      },
      token,
    );
    await post(`/api/articles/${id}/publish`, {}, token);
  };
  await publish(ALSO_TAGGED_TITLE, '首批十家会员单位参加试点。', [TAG]);
  // Mentions the tag's words in its body without carrying the tag: a tag is not a keyword search.
  await publish(UNTAGGED_TITLE, `汇编收录了各单位的${TAG}经验。`, []);
  await publish(TAGGED_TITLE, `会上介绍了<strong>液冷</strong>机柜巡检的做法与要点。`, [TAG, '液冷']);
}, 60000);

afterAll(async () => {
  await harness?.close();
});

afterEach(() => {
  expect(harness.errors).toEqual([]);
});

const { post, staffToken, open } = journey(() => harness.baseUrl);

test('a word that appears only in an article body finds the article on 资讯', async () => {
  await open(visitor, '/pages/news/index');
  await on(visitor, '.article-row__title', TAGGED_TITLE).waitFor();
  await on(visitor, '.news-search__input input').fill(BODY_WORD);
  await on(visitor, '.news-search__button').click();
  await on(visitor, '.article-row__title', TAGGED_TITLE).waitFor();
  const text = await visibleText(visitor);
  expect(text).not.toContain(ALSO_TAGGED_TITLE);
  expect(text).not.toContain(UNTAGGED_TITLE);
  await screenshot(visitor, 'news-body-search');
});

test('tapping a tag on an article lists the articles that carry it', async () => {
  await on(visitor, '.article-row', TAGGED_TITLE).click();
  await waitForPage(visitor, '/packages/news/pages/article/index');
  await on(visitor, '.article-tags__tag', TAG).click();
  await waitForPage(visitor, '/packages/news/pages/tag/index');
  await on(visitor, '.article-row__title', TAGGED_TITLE).waitFor();
  await on(visitor, '.article-row__title', ALSO_TAGGED_TITLE).waitFor();
  const text = await visibleText(visitor);
  expect(text).toContain(`#${TAG}`);
  expect(text).not.toContain(UNTAGGED_TITLE);
  await screenshot(visitor, 'news-tag');
});

test('the home page first loads within 350 kB on a phone, compressed and cached', async () => {
  const phone = await harness.secondBrowser({ phone: true });
  const cdp = await phone.context().newCDPSession(phone);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let transferred = 0;
  const responses: { url: string; encoding: string | undefined }[] = [];
  const urls = new Map<string, string>();
  cdp.on('Network.responseReceived', (event) => {
    urls.set(event.requestId, event.response.url);
    const headers = Object.fromEntries(
      Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
    );
    responses.push({ url: event.response.url, encoding: headers['content-encoding'] });
  });
  // Bytes on the wire, headers included, for every request the page makes (API calls too).
  cdp.on('Network.loadingFinished', (event) => {
    if (urls.has(event.requestId)) transferred += event.encodedDataLength;
  });
  await phone.goto(`${harness.baseUrl}/`);
  await waitForPage(phone, '/pages/index/index');
  await on(phone, '.home-latest .article-row__title', TAGGED_TITLE).waitFor();
  await phone.waitForLoadState('networkidle');

  const scripts = responses.filter((r) => /\.(js|css)$/.test(new URL(r.url).pathname));
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script.encoding).toBe('br');
  expect(transferred).toBeGreaterThan(0);
  expect(transferred).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
});

test('the H5 files are served precompressed, hashed ones cached for a year, index.html revalidated', async () => {
  const html = await fetch(`${harness.baseUrl}/`, { headers: { 'accept-encoding': 'br, gzip' } });
  expect(html.headers.get('content-encoding')).toBe('br');
  expect(html.headers.get('vary')).toMatch(/accept-encoding/i);
  expect(html.headers.get('cache-control')).toBe('no-cache');
  const page = await html.text();
  const script = /src="(\/js\/app\.[0-9a-f]{8}\.js)"/.exec(page)?.[1];
  expect(script).toBeDefined();

  for (const [accept, encoding] of [
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['identity', null],
  ] as const) {
    const response = await fetch(`${harness.baseUrl}${script}`, { headers: { 'accept-encoding': accept } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe(encoding);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    await response.arrayBuffer();
  }
  // A file without a hash in its name changes under the same name: never cached for a year.
  const icon = await fetch(`${harness.baseUrl}/static/images/assets/tabbar/me.png`);
  expect(icon.status).toBe(200);
  expect(icon.headers.get('cache-control')).not.toContain('immutable');
});

test('index.html shows that the app is loading before its script has run', async () => {
  const slow = await harness.secondBrowser({ phone: true });
  // The scripts never arrive, as on a connection that has not delivered them yet.
  await slow.route('**/*.js', () => undefined);
  await slow.goto(`${harness.baseUrl}/`, { waitUntil: 'commit' });
  await slow.getByText('正在加载').waitFor();
  await screenshot(slow, 'h5-loading');
});
