import type { Page } from 'playwright-core';
import { DEMO_APPLICATION, builtServer, seeding } from '../../server/test/support/seed';
import { currentPage, screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';

// Finding the way: from a campaign's link through signing in back to the form, what 首页 and 我的
// offer each person about joining, the H5 navigation bar, and staff pages opened by others.
let harness: Harness;
let page: Page;

/** The demo campaign the development server seeds (its poster's scene). */
const SCENE = 'demo2026';
const APPLY = '/packages/join/pages/apply/index';
const HOME = '/pages/index/index';
const ME = '/pages/me/index';
/** Screenshots of this file are named `<phase>-…`: `before` on a build without the fixes. */
const PHASE = process.env.SCREENSHOT_PHASE ?? 'after';

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  page.setDefaultTimeout(15000);
  // The JSON page startSignedOut clears the storage on has no icon of its own: the browser asks.
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
}, 60000);

afterAll(async () => {
  await harness?.close();
});

const seed = () => seeding(builtServer(harness.baseUrl));
const on = (selector: string, hasText?: string) =>
  currentPage(page).locator(selector, hasText ? { hasText } : {});

/**
 * A fresh browser session: nobody signed in, the app opened anew at `route`. The storage is
 * cleared on a page of the same origin without the app, so no request of the app is in flight.
 */
async function startSignedOut(route: string): Promise<void> {
  await page.goto(`${harness.baseUrl}/api/health`);
  await page.evaluate(() => window.localStorage.clear());
  await page.goto(`${harness.baseUrl}/#${route}`);
  await waitForPage(page, route.split('?')[0] ?? route);
}

async function signInOnMe(label: string, name: string): Promise<void> {
  await startSignedOut(ME);
  await on('.me-personas__row', label).click();
  await on('.me-profile__name', name).waitFor();
}

async function identityOnMe(): Promise<string> {
  return (await on('.me-card__row', '身份').locator('.me-card__value').innerText()).trim();
}

test('a visitor opens a campaign link, taps 去登录, signs in and lands back on the application form', async () => {
  await startSignedOut(HOME);
  await page.goto(`${harness.baseUrl}/?scene=${SCENE}`);
  await waitForPage(page, APPLY);
  await on('.login-required__button', '去登录').click();
  await waitForPage(page, ME);
  await on('.me-personas__row', '访客').click();
  await on('.me-profile__name', '赵晓访').waitFor({ state: 'attached' });
  // Where the person ends up after choosing who they are.
  await page.waitForTimeout(1000);
  await screenshot(page, `${PHASE}-campaign-signin`);
  await waitForPage(page, APPLY);
  await on('.apply-intro__title', '申请加入 ITSS 分会').waitFor();
  await currentPage(page).getByText('提交申请').waitFor();
});

test('首页 and 我的 offer 申请入会 to someone who is not a member contact', async () => {
  await startSignedOut(HOME);
  await on('.join-status__action', '申请入会').waitFor();
  await screenshot(page, 'home-join-signed-out');

  await signInOnMe('访客', '赵晓访');
  await on('.join-status__action', '申请入会').click();
  await waitForPage(page, APPLY);
  await currentPage(page).getByText('提交申请').waitFor();

  await page.goto(`${harness.baseUrl}/#${HOME}`);
  await waitForPage(page, HOME);
  await on('.join-status__action', '申请入会').click();
  await waitForPage(page, APPLY);
});

test('a rejected application offers 重新申请 and the way to contact 会员服务部', async () => {
  const applicant = await seed().signIn({ persona: 'applicant' });
  const staff = await seed().signIn({ persona: 'staff' });
  const application = await seed().submitApplication(applicant.token, DEMO_APPLICATION);
  await seed().decideApplication(staff.token, application.id, 'reject', '经营范围与信息技术服务无关');

  await signInOnMe('申请人', '钱申科');
  await on('.join-status', '未通过').waitFor();
  expect(await on('.join-status').innerText()).toContain('经营范围与信息技术服务无关');
  await on('.join-status__contact', '联系会员服务部').click();
  await waitForPage(page, '/pages/contact/index');

  await page.goto(`${harness.baseUrl}/#${HOME}`);
  await waitForPage(page, HOME);
  await on('.join-status', '未通过').waitFor();
  await on('.join-status__action', '重新申请').click();
  await waitForPage(page, APPLY);
  await currentPage(page).getByText('提交申请').waitFor();
});

test('an approved application links to the unit', async () => {
  const visitor = await seed().signIn({ persona: 'visitor' });
  const staff = await seed().signIn({ persona: 'staff' });
  const { unit } = await seed().memberUnit(visitor.token, staff.token, {
    unitName: '杭州导航测试科技有限公司',
  });

  await signInOnMe('访客', '赵晓访');
  await on('.join-status', '已通过').waitFor();
  await on('.join-status__action', '查看我的单位').click();
  await waitForPage(page, '/packages/unit/pages/index/index');
  await currentPage(page).getByText(unit.name).first().waitFor();

  await page.goto(`${harness.baseUrl}/#${HOME}`);
  await waitForPage(page, HOME);
  await on('.join-status__action', '查看我的单位').waitFor();
  expect(await visibleText(page)).not.toContain('申请入会');
});

test('身份 shows 主联系人, 会员联系人 and 工作人员 for the right people', async () => {
  const primary = await seed().signIn({ persona: 'primary_contact' });
  const contact = await seed().signIn({ persona: 'member_contact' });
  if (!contact.user.unit) {
    const unitId = primary.user.unit?.id;
    if (!unitId) throw new Error('the 主联系人 persona has no demo unit');
    await seed().addContact(unitId, primary.token, contact.token, '孙联络', '市场经理');
  }

  await signInOnMe('主联系人', '李主联');
  expect(await identityOnMe()).toBe('主联系人');
  await signInOnMe('会员联系人', '孙联络');
  expect(await identityOnMe()).toBe('会员联系人');
  await signInOnMe('工作人员', '周会服');
  expect(await identityOnMe()).toContain('工作人员');
  expect(await identityOnMe()).not.toContain('访客');
});

test('a sub-page opened from a link shows its title, a back and a home; back returns after in-app navigation', async () => {
  await startSignedOut('/packages/directory/pages/index/index');
  const bar = page.locator('.nav-bar');
  await bar
    .locator('.nav-bar__title', { hasText: '会员名录' })
    .waitFor({ timeout: 5000 })
    .catch(() => undefined);
  await screenshot(page, `${PHASE}-subpage-nav`);
  await page.setViewportSize({ width: 1366, height: 800 });
  await screenshot(page, `${PHASE}-subpage-nav-desktop`);
  await page.setViewportSize({ width: 375, height: 812 });

  await bar.locator('.nav-bar__title', { hasText: '会员名录' }).waitFor();
  await bar.locator('.nav-bar__back').waitFor();
  await bar.locator('.nav-bar__home').click();
  await waitForPage(page, HOME);
  await bar.locator('.nav-bar__title', { hasText: 'ITSS 分会' }).waitFor();
  // A tab has nothing to go back to.
  expect(await bar.locator('.nav-bar__back').count()).toBe(0);

  // Opened from a link, back has no page behind it in the app: it goes to 首页.
  await page.goto(`${harness.baseUrl}/#/packages/account/pages/privacy/index`);
  await page.reload();
  await waitForPage(page, '/packages/account/pages/privacy/index');
  await bar.locator('.nav-bar__title', { hasText: '隐私政策' }).waitFor();
  await bar.locator('.nav-bar__back').click();
  await waitForPage(page, HOME);

  await on('.home-links__item', '会员名录').click();
  await waitForPage(page, '/packages/directory/pages/index/index');
  await bar.locator('.nav-bar__title', { hasText: '会员名录' }).waitFor();
  // Opened within the app there is a page to go back to, so no home.
  expect(await bar.locator('.nav-bar__home').count()).toBe(0);
  await bar.locator('.nav-bar__back').click();
  await waitForPage(page, HOME);
  await bar.locator('.nav-bar__title', { hasText: 'ITSS 分会' }).waitFor();
});

test('a staff page opened without rights shows only the refusal and where to go instead', async () => {
  await signInOnMe('访客', '赵晓访');
  await page.goto(`${harness.baseUrl}/#/packages/unit/staff/units/index`);
  await waitForPage(page, '/packages/unit/staff/units/index');
  await on('.staff-only').waitFor();
  const text = await visibleText(page);
  expect(text).toContain('仅限会员服务部工作人员使用');
  expect(text).not.toContain('重试');
  expect(text).not.toContain('导出');
  expect(await on('.units-search').count()).toBe(0);
  await on('.staff-only__action', '返回首页').click();
  await waitForPage(page, HOME);
});

test('no script errors along the way', () => {
  expect(harness.errors).toEqual([]);
});
