import type { Page } from 'playwright-core';
import { currentPage, screenshot, startHarness, type Harness } from './harness';
import { journey, on } from './journey';

// The app on a desk's screen: member pages keep the phone's look in a centred column, staff pages
// are a console across the width with the features at the left; text stays at reading size and
// nothing runs off to the right. At phone width nothing of the console shows.
let harness: Harness;
let page: Page;

const DESKTOPS = [
  { width: 1366, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const PHONE = { width: 375, height: 812 };

interface Shown {
  name: string;
  route: string;
  /** What shows once the page has its content. */
  ready: string;
  /** The page's body copy: what a person reads on it (not its headings, dates or badges). */
  body: string;
}

let member: Shown[];
let staff: Shown[];

const { post, staffToken, signIn, open } = journey(() => harness.baseUrl);

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  const token = await staffToken();
  const { id } = await post<{ id: number }>(
    '/api/articles',
    {
      category: 'industry',
      title: '分会召开2027年度运维服务标准宣贯会',
      summary: '宣贯会介绍了新版运维服务标准的要点。',
      body: '<p>本次宣贯会由分会秘书处主办，来自四十余家会员单位的代表参加了会议。</p><p>会上，专家逐条解读了新版标准的变化。</p>',
      visibility: 'public',
    },
    token,
  );
  await post(`/api/articles/${id}/publish`, {}, token);
  member = [
    {
      name: 'home',
      route: '/pages/index/index',
      ready: '.article-row',
      body: '.home-intro__paragraph, .article-row__summary',
    },
    { name: 'news', route: '/pages/news/index', ready: '.article-row', body: '.article-row__summary' },
    {
      name: 'article',
      route: `/packages/news/pages/article/index?id=${id}`,
      ready: '.article-body__text',
      body: '.article-body__text',
    },
  ];
  // On staff pages the console's navigation is body copy too.
  staff = [
    {
      name: 'workbench',
      route: '/packages/staff/pages/index/index',
      ready: '.staff-links__row',
      body: '.staff-links__text',
    },
    {
      name: 'units',
      route: '/packages/unit/staff/units/index',
      // A table at a desk, cards on a phone.
      ready: '.data-table__row--link, .queue-row',
      body: '.units-table__name, .queue-row__unit',
    },
    {
      name: 'articles',
      route: '/packages/news/staff/articles/index',
      ready: '.data-table__row--link, .queue-row',
      body: '.articles-table__title, .article-row__title',
    },
    {
      name: 'dues-bills',
      route: '/packages/dues/staff/bills/index',
      ready: '.data-table__row--link, .bill-row, .state--empty',
      body: '.bills-table__unit, .queue-row__unit, .state__text',
    },
  ];
  await signIn(page, '工作人员', '周会服');
}, 90000);

afterAll(async () => {
  await harness?.close();
});

afterEach(async () => {
  expect(harness.errors).toEqual([]);
  await page.setViewportSize(PHONE);
});

async function show(view: Shown, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await open(page, view.route);
  await on(page, view.ready).first().waitFor();
}

/**
 * The font sizes on the page a person sees: of its body copy (each shown element `body` matches, and
 * on a staff page the console's navigation), and the smallest and largest of any text on it.
 */
async function textSizes(body: string): Promise<{ body: number[]; smallest: number; largest: number }> {
  return currentPage(page).evaluate((root, selector) => {
    const sizeOf = (element: Element) => Math.round(parseFloat(getComputedStyle(element).fontSize) * 10) / 10;
    const shown = (element: Element) => element.getClientRects().length > 0;
    const all: number[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if ((node.textContent ?? '').trim() && element && shown(element)) all.push(sizeOf(element));
    }
    const copy = Array.from(root.querySelectorAll(`${selector}, .staff-shell__item`)).filter(shown);
    return { body: [...new Set(copy.map(sizeOf))], smallest: Math.min(...all), largest: Math.max(...all) };
  }, body);
}

/** Whether anything reaches past the window's right edge: the document's or the page's own scroller. */
async function overflow(): Promise<{ document: number; page: number }> {
  const documentOverflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  const pageOverflow = await currentPage(page).evaluate((root) => root.scrollWidth - root.clientWidth);
  return { document: Math.max(0, documentOverflow), page: Math.max(0, pageOverflow) };
}

/** Body copy at reading size (14–18 px), nothing tiny, headings no louder than a web page's, nothing off to the right. */
async function expectReadable(view: Shown): Promise<void> {
  const sizes = await textSizes(view.body);
  const seen = { view: view.name, ...sizes, ...(await overflow()) };
  expect({
    ...seen,
    readable: sizes.body.length > 0 && sizes.body.every((size) => size >= 14 && size <= 18),
    small: sizes.smallest >= 11,
    headings: sizes.largest <= 32,
  }).toEqual({ ...seen, readable: true, small: true, headings: true, document: 0, page: 0 });
}

test('member pages on a desk: a centred column of phone width, body text at reading size, no sideways scroll', async () => {
  for (const size of DESKTOPS) {
    for (const view of member) {
      await show(view, size);
      if (size.width === 1366) await screenshot(page, `desktop-${view.name}`);
      await expectReadable(view);
      const column = await currentPage(page).evaluate((root) => {
        const box = (root.firstElementChild ?? root).getBoundingClientRect();
        return { width: box.width, left: box.left, right: window.innerWidth - box.right };
      });
      expect(column.width).toBeGreaterThanOrEqual(320);
      expect(column.width).toBeLessThanOrEqual(480);
      expect(Math.abs(column.left - column.right)).toBeLessThanOrEqual(20);
      await expect(page.locator('.staff-shell__nav').count()).resolves.toBe(0);
    }
  }
});

test('staff pages on a desk: the console with its side navigation, body text at reading size, no sideways scroll', async () => {
  for (const size of DESKTOPS) {
    for (const view of staff) {
      await show(view, size);
      if (size.width === 1366) await screenshot(page, `desktop-staff-${view.name}`);
      await expectReadable(view);
      const nav = on(page, '.staff-shell__nav');
      await expect(nav.isVisible()).resolves.toBe(true);
      await expect(nav.getByText('会员单位', { exact: true }).isVisible()).resolves.toBe(true);
      // The page uses the width: its content is far wider than a phone.
      const main = await on(page, '.staff-shell__main').boundingBox();
      expect(main?.width).toBeGreaterThan(700);
    }
  }
});

test('the side navigation opens a feature, lights it, and returns to one already open', async () => {
  await show(staff[0] as Shown, DESKTOPS[0]);
  // Tab pages stay in the document once shown; the other pages are the stack.
  const stack = () =>
    page.evaluate(() => document.querySelectorAll('.taro_page:not(.taro_tabbar_page)').length);
  const below = await stack();
  const nav = on(page, '.staff-shell__nav');
  await nav.getByText('会员单位', { exact: true }).click();
  await on(page, '.data-table__row--link').first().waitFor();
  await expect(on(page, '.staff-shell__item--active').innerText()).resolves.toBe('会员单位');
  expect(await stack()).toBe(below + 1);
  await on(page, '.staff-shell__nav').getByText('工作台', { exact: true }).click();
  await on(page, '.staff-links__row').first().waitFor();
  await expect(on(page, '.staff-shell__item--active').innerText()).resolves.toBe('工作台');
  // 工作台 was below 会员单位: the console went back to it rather than stacking another.
  await page.waitForFunction(
    (count) => document.querySelectorAll('.taro_page:not(.taro_tabbar_page)').length === count,
    below,
  );
});

test('at phone width the same pages have no console and no column: the mini-program look', async () => {
  for (const view of [...member, ...staff]) {
    await show(view, PHONE);
    if (['home', 'workbench', 'units', 'articles'].includes(view.name))
      await screenshot(page, `phone-${view.name}`);
    await expect(page.locator('.staff-shell__nav').count()).resolves.toBe(0);
    const width = await currentPage(page).evaluate(
      (root) => (root.firstElementChild ?? root).getBoundingClientRect().width,
    );
    expect(width).toBe(PHONE.width);
    expect(await overflow()).toEqual({ document: 0, page: 0 });
  }
});
