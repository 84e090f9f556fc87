import { LEVELS, RIGHTS_BY_TIER, RIGHT_TIER_PREAMBLES, SERVICES } from '@itss/shared';
import type { Page } from 'playwright-core';
import { EMAIL, INTRODUCTION, PHONES, QQ_GROUP } from './handbook';
import {
  compact,
  currentPage,
  screenshot,
  startHarness,
  visibleText,
  waitForPage,
  type Harness,
} from './harness';

let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
}, 60000);

afterAll(async () => {
  await harness?.close();
});

async function openTab(label: string, route: string): Promise<void> {
  await page.locator('.taro-tabbar__tabbar .weui-tabbar__item', { hasText: label }).click();
  await waitForPage(page, route);
}

test('home shows the handbook introduction and the nine services', async () => {
  const response = await page.goto(`${harness.baseUrl}/`);
  // The page runs under the server's policy, so "no errors" below also means "no CSP violations".
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await waitForPage(page, '/pages/index/index');
  await currentPage(page).getByText('会员服务内容').waitFor();

  const text = await visibleText(page);
  expect(INTRODUCTION.length).toBeGreaterThanOrEqual(3);
  for (const paragraph of INTRODUCTION) expect(text).toContain(compact(paragraph));
  expect(SERVICES).toHaveLength(9);
  for (const service of SERVICES) expect(text).toContain(compact(service));
  await expect(currentPage(page).getByText('会员权益', { exact: true }).isVisible()).resolves.toBe(true);
  await screenshot(page, 'home');
});

test('the membership tab compares the four levels with fees and every right', async () => {
  await openTab('会员权益', '/pages/membership/index');
  await currentPage(page).getByText('级别与年费').waitFor();

  const text = await visibleText(page);
  for (const fee of ['3,000元/年', '10,000元/年', '30,000元/年']) expect(text).toContain(fee);
  for (const level of LEVELS) {
    const card = currentPage(page).locator(`.level-card--${level.code}`);
    await expect(card.getByText(level.name, { exact: true }).count()).resolves.toBe(1);
  }
  for (const right of Object.values(RIGHTS_BY_TIER).flat()) expect(text).toContain(compact(right));
  for (const preamble of Object.values(RIGHT_TIER_PREAMBLES)) expect(text).toContain(compact(preamble));
  // Rights are cumulative: the president holds all 16, the member unit the first 10.
  await expect(currentPage(page).locator('.level-card--president .level-tier__right').count()).resolves.toBe(
    16,
  );
  await expect(currentPage(page).locator('.level-card--member .level-tier__right').count()).resolves.toBe(10);
  expect(text).toContain('会员义务');
  expect(text).toContain('如何入会');
  await screenshot(page, 'membership');
});

test('the contact tab shows both phones, the email and the QQ group', async () => {
  await openTab('联系我们', '/pages/contact/index');
  await currentPage(page).getByText('联系方式').waitFor();

  expect(PHONES).toHaveLength(2);
  const text = await visibleText(page);
  for (const value of [...PHONES, EMAIL, QQ_GROUP]) {
    expect(value).not.toBe('');
    expect(text).toContain(value);
  }
  expect(text).toContain('加入会员微信群');
  await screenshot(page, 'contact');
});

test('the me tab, signed out in a browser, offers the demo personas', async () => {
  await openTab('我的', '/pages/me/index');
  await currentPage(page).getByText('选择演示身份').waitFor();
  await currentPage(page).locator('.me-personas__row').first().waitFor();
  await screenshot(page, 'me');
});

test('no script errors along the way', () => {
  expect(harness.errors).toEqual([]);
});
