import type { Locator, Page } from 'playwright-core';
import { screenshot, startHarness, type Harness } from './harness';
import { journey, on } from './journey';
import { api, loginAs, submitApplication } from './joining';
import { PNG } from '../../server/test/support/seed';

// One look across the app, on a small phone, a common phone and a desktop: every button of a row of
// actions can be reached, fields read as fields, cards keep the page margins, and nothing is shown
// twice or in another app's colours.
let harness: Harness;
let page: Page;

const SHOT = 'after';
const WIDTHS = [320, 375, 1366] as const;
const HEIGHT = 800;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  // The JSON page the storage is cleared on has no icon of its own: the browser asks.
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
}, 60000);

afterAll(async () => {
  await harness?.close();
});

afterEach(async () => {
  expect(harness.errors).toEqual([]);
  await page.setViewportSize({ width: 375, height: 812 });
});

const { post, staffToken, signIn: signInOnce, open } = journey(() => harness.baseUrl);

/** Signs the one browser in as a demo persona, leaving whoever was signed in before. */
async function signIn(label: string, name: string): Promise<void> {
  // Cleared on a page of the same origin where the app does not run: cleared under the running app,
  // its pages' late requests (counts, refreshes) went out without a token and were refused.
  await page.goto(`${harness.baseUrl}/api/health`);
  await page.evaluate(() => localStorage.clear());
  await signInOnce(page, label, name);
}

/**
 * Every button of `row` lies inside the viewport, whole, and its label on one line: a person can
 * see and tap each of them without a sideways scroll the page does not offer.
 */
async function expectReachable(row: Locator): Promise<void> {
  await row.first().waitFor();
  const width = page.viewportSize()?.width ?? 0;
  const buttons = await row.locator('taro-button-core').evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(element);
      const lines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
      return {
        text: (element.textContent ?? '').trim(),
        left: box.left,
        right: box.right,
        lines: lines.size,
      };
    }),
  );
  expect(buttons.length).toBeGreaterThan(1);
  for (const button of buttons) {
    expect({ ...button, inside: button.left >= 0 && button.right <= width }).toEqual({
      ...button,
      inside: true,
      lines: 1,
    });
  }
}

/** Taro's H5 modal: its confirm in the app's blue, answered with 确定 (or `text`). */
async function confirm(text = '确定'): Promise<void> {
  const button = page.locator('.taro__modal').getByText(text, { exact: true });
  await button.waitFor();
  const colour = await button.evaluate((element) => getComputedStyle(element).color);
  expect(colour).toBe('rgb(31, 95, 191)');
  await button.click();
}

/** Screenshots of `route` once `ready` shows, at each width (`-desktop` for a desktop's). */
async function shoot(route: string, ready: string, name: string, widths: number[]): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: HEIGHT });
    await open(page, route);
    await on(page, ready).waitFor();
    await screenshot(page, `${SHOT}-${name}${width > 1000 ? '-desktop' : ''}`);
  }
}

async function submitShowcase(title: string): Promise<number> {
  const contact = await loginAs(harness.baseUrl, 'primary_contact');
  const { id } = await post<{ id: number }>(
    '/api/submissions',
    {
      category: 'member_showcase',
      title,
      summary: '本年度客户满意度位居前列。',
      body: '<p>我单位在年度评选中荣获优秀运维服务商称号。</p>',
    },
    contact,
  );
  return id;
}

test('投稿审核: 通过 and 退回 are both on screen at 320, 375 and 1366 px, and 退回 rejects', async () => {
  await signIn('工作人员', '周会服');
  const id = await submitShowcase('示例会员单位荣获年度优秀运维服务商称号');
  const route = `/packages/submit/staff/submission/index?id=${id}`;
  await shoot(route, '.submission-decision__actions', 'submission-review', [375, 1366]);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    await open(page, route);
    await expectReachable(on(page, '.submission-decision__actions'));
  }

  await page.setViewportSize({ width: 320, height: HEIGHT });
  await open(page, route);
  await on(page, '.submission-decision__reject').click();
  await expectReachable(on(page, '.submission-decision__actions'));
  await on(page, '.submission-decision__reason textarea').fill('请补充获奖证书的图片');
  await on(page, '.submission-decision__confirm-reject').click();
  await on(page, '.article-state--rejected').waitFor();
  await on(page, '.submission-page__decided', '请补充获奖证书的图片').waitFor();
});

test('入会审核: 通过, 要求补充材料 and 驳回 fit on one line each at every width; the reason box reads as a field', async () => {
  const applicant = await loginAs(harness.baseUrl, 'applicant');
  const application = await submitApplication(harness.baseUrl, applicant, PNG);
  await signIn('工作人员', '周会服');
  const route = `/packages/join/staff/application/index?id=${application.id}`;
  await shoot(route, '.decision__actions', 'application-review', [375]);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    await open(page, route);
    await expectReachable(on(page, '.decision__actions'));
  }
  await page.setViewportSize({ width: 320, height: HEIGHT });
  await on(page, '.decision__button', '要求补充材料').click();
  const reason = on(page, '.decision-dialog__reason textarea');
  await reason.waitFor();
  await expectTextField(reason);
  await expectReachable(on(page, '.decision-dialog__buttons'));
  await on(page, '.decision-dialog__cancel').click();
});

test('单位管理: the status actions, their confirmation and the actions on each contact fit at every width', async () => {
  const staff = await staffToken();
  const units = await api<{ items: { id: number }[] }>(harness.baseUrl, staff, 'GET', '/api/units');
  const route = `/packages/unit/staff/unit/index?id=${units.body.items[0]?.id}`;
  await signIn('工作人员', '周会服');
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    await open(page, route);
    await expectReachable(on(page, '.unit-status-panel__actions'));
    for (const row of await on(page, '.unit-contact__actions').all()) await expectReachable(row);
  }
  await on(page, '.unit-status-panel__actions .staff-button').first().click();
  await expectReachable(on(page, '.unit-status-panel__form .unit-status-panel__actions'));
  await expectTextField(on(page, '.unit-status-panel__reason textarea'));
});

/** A text field in the app's type and without the browser's resize grip. */
async function expectTextField(field: Locator): Promise<void> {
  const look = await field.evaluate((element) => {
    const style = getComputedStyle(element);
    return { monospace: style.fontFamily.includes('monospace'), resize: style.resize };
  });
  expect(look).toEqual({ monospace: false, resize: 'none' });
}

/** The text of a single-line input sits in the middle of its grey box, not at its top. */
async function expectCentredInput(input: Locator, box: Locator): Promise<void> {
  const [inner, outer] = await Promise.all([input.boundingBox(), box.boundingBox()]);
  if (!inner || !outer) throw new Error('field not shown');
  const gap = Math.abs(inner.y + inner.height / 2 - (outer.y + outer.height / 2));
  expect(gap).toBeLessThanOrEqual(2);
}

test('我要投稿: cards keep the page margins; the title holds its text in the middle, the summary is in the app type', async () => {
  await signIn('主联系人', '李主联');
  await open(page, '/packages/submit/pages/new/index');
  const card = on(page, '.card').first();
  await card.waitFor();
  await screenshot(page, `${SHOT}-submission-form`);
  const box = await card.boundingBox();
  expect(box?.x).toBeGreaterThanOrEqual(12);
  const title = on(page, 'input[placeholder="投稿标题"]');
  await expectCentredInput(title, title.locator('xpath=..'));
  await expectTextField(on(page, 'textarea[placeholder="一两句话介绍内容"]'));
  await expectReachable(on(page, '.article-form__actions'));
});

test('入会申请: the business description is a field in the app type', async () => {
  await signIn('申请人', '钱申科');
  await open(page, '/packages/join/pages/apply/index');
  const description = on(page, '.apply-textarea textarea');
  await description.waitFor();
  await screenshot(page, `${SHOT}-apply-form`);
  await expectTextField(description);
});

test('会员权益: a level card is as tall as what it holds', async () => {
  await open(page, '/pages/membership/index');
  const cards = on(page, '.level-card');
  await cards.first().waitFor();
  await screenshot(page, `${SHOT}-membership`);
  // The widest gap between two parts of a card, or after the last: no card is stretched to another's height.
  const blanks = await cards.evaluateAll((elements) =>
    elements.map((card) => {
      let bottom = card.getBoundingClientRect().top;
      let widest = 0;
      for (const part of Array.from(card.children)) {
        const box = part.getBoundingClientRect();
        widest = Math.max(widest, box.top - bottom);
        bottom = box.bottom;
      }
      return Math.max(widest, card.getBoundingClientRect().bottom - bottom);
    }),
  );
  for (const blank of blanks) expect(blank).toBeLessThan(40);
});

test('首页: a pinned article is shown once, under 置顶', async () => {
  const token = await staffToken();
  const title = '关于召开2027年度会员大会的通知';
  const { id } = await post<{ id: number }>(
    '/api/articles',
    {
      category: 'notice',
      title,
      summary: '会员大会定于三月召开。',
      body: '<p>会员大会。</p>',
      pinned: true,
      visibility: 'public',
    },
    token,
  );
  await post(`/api/articles/${id}/publish`, {}, token);
  await open(page, '/pages/index/index');
  await on(page, '.home-pinned .article-row', title).waitFor();
  await on(page, '.home-latest .article-row').first().waitFor();
  await screenshot(page, `${SHOT}-home`);
  expect(await on(page, '.article-row', title).count()).toBe(1);
});

test('a confirmation is asked in the app blue', async () => {
  const id = await submitShowcase('会员单位参与制定运维服务标准');
  await signIn('工作人员', '周会服');
  await open(page, `/packages/submit/staff/submission/index?id=${id}`);
  await on(page, '.submission-decision__approve').click();
  await confirm();
  await on(page, '.article-state--published').waitFor();
});
