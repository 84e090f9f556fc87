import type { Page } from 'playwright-core';
import { currentPage, screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';

let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
}, 60000);

afterAll(async () => {
  await harness?.close();
});

async function pickPersona(label: string, displayName: string): Promise<void> {
  await currentPage(page).getByText('选择演示身份').waitFor();
  await currentPage(page).locator('.me-personas__row', { hasText: label }).click();
  await currentPage(page).locator('.me-profile__name', { hasText: displayName }).waitFor();
}

test('the 工作人员 persona sees its roles and the 工作台, opens the staff list, and logs out', async () => {
  await page.goto(`${harness.baseUrl}/#/pages/me/index`);
  await waitForPage(page, '/pages/me/index');
  await currentPage(page).getByText('选择演示身份').waitFor();
  const signedOut = await visibleText(page);
  for (const label of ['访客', '申请人', '会员联系人', '主联系人', '工作人员'])
    expect(signedOut).toContain(label);
  await screenshot(page, 'me-signed-out');

  await pickPersona('工作人员', '周会服');
  const text = await visibleText(page);
  expect(text).toContain('工作人员、管理员');
  expect(text).toContain('未关联会员单位');
  await currentPage(page).getByText('工作台', { exact: true }).waitFor();
  await screenshot(page, 'me-staff');

  await currentPage(page).getByText('工作台', { exact: true }).click();
  await waitForPage(page, '/packages/staff/pages/index/index');
  await currentPage(page).locator('.staff-row', { hasText: '周会服' }).waitFor();
  const consoleText = await visibleText(page);
  expect(consoleText).toContain('添加工作人员');
  expect(consoleText).toContain('管理员');
  expect(consoleText).toContain('操作日志');
  await screenshot(page, 'staff-console');

  await currentPage(page).getByText('操作日志').click();
  await waitForPage(page, '/packages/staff/pages/audit/index');
  await currentPage(page).locator('.audit-row', { hasText: '登录' }).first().waitFor();
  await screenshot(page, 'staff-audit');

  await page.goBack();
  await waitForPage(page, '/packages/staff/pages/index/index');
  await page.goBack();
  await waitForPage(page, '/pages/me/index');
  await currentPage(page).getByText('退出登录').click();
  await page.getByText('确定退出当前账号吗？').waitFor();
  await page.locator('.taro__modal').getByText('退出', { exact: true }).click();
  await currentPage(page).getByText('选择演示身份').waitFor();
  await expect(currentPage(page).locator('.me-profile__name').innerText()).resolves.toBe('未登录');
});

test('the 访客 persona has no 工作台, binds a phone, reads the privacy policy, and stays logged in after a reload', async () => {
  await pickPersona('访客', '赵晓访');
  const text = await visibleText(page);
  expect(text).toContain('未绑定手机号');
  expect(text).toContain('未关联会员单位');
  await expect(currentPage(page).getByText('工作台', { exact: true }).count()).resolves.toBe(0);

  await currentPage(page).getByText('绑定手机号', { exact: true }).click();
  await currentPage(page).getByText('138****0001').waitFor();
  await page.getByText('已绑定').waitFor({ state: 'hidden' });
  await screenshot(page, 'me-visitor');

  await currentPage(page).getByText('隐私政策').click();
  await waitForPage(page, '/packages/account/pages/privacy/index');
  const policy = await visibleText(page);
  for (const words of ['openid', '手机号', '保存多久', 'hyfw@itss.cn']) expect(policy).toContain(words);
  await screenshot(page, 'privacy');
  await page.goBack();
  await waitForPage(page, '/pages/me/index');

  await page.reload();
  await waitForPage(page, '/pages/me/index');
  await currentPage(page).locator('.me-profile__name', { hasText: '赵晓访' }).waitFor();
  await expect(currentPage(page).getByText('工作台', { exact: true }).count()).resolves.toBe(0);
});

test('no script errors along the way', () => {
  expect(harness.errors).toEqual([]);
});
