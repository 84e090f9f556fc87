import { LEVELS, type LevelCode } from '@itss/shared';
import type { Page } from 'playwright-core';
import { currentPage, screenshot, startHarness, waitForPage, type Harness } from './harness';
import { journey, on } from './journey';

// The staff console at a desk and on a phone, one app switched by width: at 1366 × 800 会员单位 is a
// table that sorts and filters, a unit's page has two columns and the article editor shows its preview
// beside the form; at 375 × 812 the same pages keep their cards and one column.
let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
}, 60000);

afterAll(async () => {
  await harness?.close();
});

afterEach(() => {
  expect(harness.errors).toEqual([]);
});

const { post, staffToken, signIn, open } = journey(() => harness.baseUrl);

const levelName = (code: LevelCode) => LEVELS.find((level) => level.code === code)?.name ?? code;

/** Units recorded by staff, besides the demo unit; names chosen so pinyin order differs from entry order. */
const RECORDED = [
  {
    name: '杭州云栈信息技术有限公司',
    creditCode: '91330106MA2H0Y2X1K',
    province: '浙江省',
    city: '杭州市',
    level: 'committee',
  },
  {
    name: '北京数智运维科技有限公司',
    creditCode: '91110000600037341L',
    province: '北京市',
    city: '海淀区',
    level: 'member',
  },
  {
    name: '深圳市鹏城云服务股份有限公司',
    creditCode: '91440300MA5FXXXX3B',
    province: '广东省',
    city: '深圳市',
    level: 'committee',
  },
] as const;

const UNITS_ROUTE = '/packages/unit/staff/units/index';
const EDITOR_ROUTE = '/packages/news/staff/article-edit/index';
const TITLE = '关于开展年度运维服务能力评估的通知';

/** Types into the field showing `placeholder` (Taro's H5 input or textarea). */
async function type(placeholder: string, text: string): Promise<void> {
  await currentPage(page)
    .locator(`input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`)
    .first()
    .fill(text);
}

/** The names in the table's rows, top to bottom. */
const tableNames = () => on(page, '.units-table__name').allInnerTexts();

/** Waits until the table shows exactly these names in this order. */
async function namesBecome(expected: string[]): Promise<void> {
  const deadline = Date.now() + 10000;
  let seen = await tableNames();
  while (JSON.stringify(seen) !== JSON.stringify(expected)) {
    if (Date.now() > deadline) throw new Error(`expected ${expected.join('、')}; saw ${seen.join('、')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await tableNames();
  }
}

/** The CSS pixel size of the first element matching `selector` on the top page. */
function fontSize(selector: string): Promise<number> {
  return on(page, selector)
    .first()
    .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
}

/** Nothing on the page is wider than the window. */
async function expectNoSidewaysScroll(): Promise<void> {
  const overflow = await page.evaluate(() => {
    const top = Array.from(document.querySelectorAll<HTMLElement>('.taro_page'))
      .filter((p) => p.offsetParent)
      .pop();
    return Math.max(document.documentElement.scrollWidth, top?.scrollWidth ?? 0) - window.innerWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
}

/** `left` sits entirely to the left of `right`, their tops level-ish: two columns, not one. */
async function expectSideBySide(left: string, right: string): Promise<void> {
  const a = await on(page, left).first().boundingBox();
  const b = await on(page, right).first().boundingBox();
  if (!a || !b) throw new Error(`${left} or ${right} is not on screen`);
  expect(a.x + a.width).toBeLessThanOrEqual(b.x);
  expect(Math.abs(a.y - b.y)).toBeLessThan(80);
}

test('at 1366 × 800 会员单位 is a table: headers, sorting by a column, filters, a row opens a unit in two columns', async () => {
  const token = await staffToken();
  for (const unit of RECORDED)
    await post('/api/units', { ...unit, unitType: 'enterprise', joinedOn: '2020-01-15' }, token);
  await page.setViewportSize({ width: 1366, height: 800 });
  await signIn(page, '工作人员', '周会服');
  await open(page, UNITS_ROUTE);

  const headers = on(page, '.units-table [role="columnheader"]');
  await headers.first().waitFor();
  expect(await headers.allInnerTexts()).toEqual(
    expect.arrayContaining([
      expect.stringContaining('单位名称'),
      expect.stringContaining('会员级别'),
      expect.stringContaining('入会日期'),
    ]),
  );
  await on(page, '.units-table__name', RECORDED[2].name).waitFor();
  expect(await on(page, '.unit-row').count()).toBe(0);
  const listed = await tableNames();
  expect(listed.length).toBeGreaterThanOrEqual(4);

  // By name: pinyin order, then the other way round.
  const collator = new Intl.Collator('zh-Hans-CN');
  const ascending = [...listed].sort(collator.compare);
  expect(ascending).not.toEqual(listed);
  await on(page, '.data-table__header', '单位名称').click();
  await namesBecome(ascending);
  expect(await on(page, '.data-table__header', '单位名称').getAttribute('aria-sort')).toBe('ascending');
  await on(page, '.data-table__header', '单位名称').click();
  await namesBecome([...ascending].reverse());

  // Body copy at a reading size, and the table within the window.
  for (const selector of ['.data-table__cell', '.data-table__header', '.staff-chips__chip']) {
    const size = await fontSize(selector);
    expect(size).toBeGreaterThanOrEqual(12);
    expect(size).toBeLessThanOrEqual(18);
  }
  await expectNoSidewaysScroll();
  await screenshot(page, 'staff-desktop-units');

  // A level in the toolbar narrows the rows to that level's units (the sort stays).
  const committee = levelName('committee');
  await on(page, '.data-table__toolbar .staff-chips__chip', committee).click();
  await on(page, '.units-table__name', RECORDED[1].name).waitFor({ state: 'detached' });
  await on(page, '.units-table__name', RECORDED[0].name).waitFor();
  const narrowed = await tableNames();
  expect(narrowed.length).toBeLessThan(listed.length);
  expect(narrowed).toEqual([...narrowed].sort(collator.compare).reverse());
  const levels = await on(page, '.data-table__row--link [role="cell"]:nth-child(2)').allInnerTexts();
  expect(new Set(levels)).toEqual(new Set([committee]));
  // The search narrows further.
  await type('单位名称或统一社会信用代码', '鹏城');
  await on(page, '.units-search__button').click();
  await namesBecome([RECORDED[2].name]);

  await on(page, '.data-table__row--link', RECORDED[2].name).click();
  await waitForPage(page, '/packages/unit/staff/unit/index');
  await on(page, '.unit-head__unit', RECORDED[2].name).waitFor();
  await on(page, '.record-columns__side', '会员资格').waitFor();
  await expectSideBySide('.record-columns__main', '.record-columns__side');
  expect(await on(page, '.record-columns__main').innerText()).toContain('91440300MA5FXXXX3B');
  expect(await fontSize('.record-field__value')).toBeLessThanOrEqual(18);
  await expectNoSidewaysScroll();
  await screenshot(page, 'staff-desktop-unit');
});

test('at 1366 × 800 the article editor shows the preview beside the form, following what is typed', async () => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await open(page, EDITOR_ROUTE);
  await on(page, '.article-edit__columns').waitFor();
  await expectSideBySide('.article-edit__form', '.article-edit__aside');
  expect(await on(page, '.article-edit__preview-toggle').count()).toBe(0);

  await type('文章标题', TITLE);
  await on(page, '.article-preview__title', TITLE).waitFor();
  await type('列表中显示的一两句话', '评估报名即日开始。');
  await on(page, '.article-preview__summary', '评估报名即日开始。').waitFor();
  const body = '各会员单位：分会将组织年度能力评估，请按时报名。';
  await type('段落文字', body);
  await on(page, '.article-preview', body).waitFor();
  // Kept as a draft, as on a phone: the next test opens it there.
  await on(page, '.draft-status', '草稿已保存').waitFor();

  // The body as members read it, at a reading size (the title is a heading).
  expect(await fontSize('.article-edit__aside .article-body')).toBeLessThanOrEqual(18);
  await expectNoSidewaysScroll();
  await screenshot(page, 'staff-desktop-article-editor');
});

test('at 375 × 812 the same pages keep their cards and one column', async () => {
  await page.setViewportSize({ width: 375, height: 812 });
  await open(page, UNITS_ROUTE);
  await on(page, '.unit-row', RECORDED[0].name).waitFor();
  expect(await on(page, '.data-table').count()).toBe(0);
  await screenshot(page, 'staff-phone-units');

  await on(page, '.unit-row', RECORDED[0].name).click();
  await waitForPage(page, '/packages/unit/staff/unit/index');
  await on(page, '.unit-head__unit', RECORDED[0].name).waitFor();
  expect(await on(page, '.record-columns').count()).toBe(0);
  await expectNoSidewaysScroll();
  await screenshot(page, 'staff-phone-unit');

  // The draft typed at the desk (kept by autosave) comes back; its preview is a switch away.
  await open(page, EDITOR_ROUTE);
  const title = currentPage(page).locator('input[placeholder="文章标题"]');
  await title.waitFor();
  const deadline = Date.now() + 10000;
  while ((await title.inputValue()) !== TITLE) {
    if (Date.now() > deadline) throw new Error('the draft typed at the desk did not come back');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await on(page, '.article-preview').count()).toBe(0);
  await on(page, '.article-edit__preview-toggle', '预览').click();
  await on(page, '.article-preview__title', TITLE).waitFor();
  await screenshot(page, 'staff-phone-article-editor');
  await on(page, '.article-edit__preview-toggle', '返回编辑').click();
});
