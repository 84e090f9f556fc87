import type { Page } from 'playwright-core';
import { builtServer, seeding } from '../../server/test/support/seed';
import { currentPage, screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';

// The applicant's journey in a browser, from a campaign's address to a member unit with its bill,
// with the staff persona deciding in the staff pages of a second browser.
let harness: Harness;
let page: Page;
let applicationId = 0;

/** The demo campaign the development server seeds (its poster's scene). */
const SCENE = 'demo2026';
/** A real PNG: the server judges uploads by their bytes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** The H5 picker's row height (Taro's picker-group LINE_HEIGHT). */
const PICKER_ROW = 34;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
}, 60000);

afterAll(async () => {
  await harness?.close();
});

async function staffCall(method: string, path: string, body?: unknown): Promise<unknown> {
  const seed = seeding(builtServer(harness.baseUrl));
  return seed.ok((await seed.signIn({ persona: 'staff' })).token, method, path, body);
}

const field = (selector: string) => currentPage(page).locator(selector);

let staffBrowser: Page | undefined;

/** The staff persona decides in the staff pages of a browser of their own, as 会员服务部 would. */
async function staffDecides(button: '要求补充材料' | '通过', reason?: string): Promise<void> {
  if (!staffBrowser) {
    staffBrowser = await harness.secondBrowser();
    await staffBrowser.goto(`${harness.baseUrl}/#/pages/me/index`);
    await waitForPage(staffBrowser, '/pages/me/index');
    await currentPage(staffBrowser).getByText('选择演示身份').waitFor();
    await currentPage(staffBrowser).locator('.me-personas__row', { hasText: '工作人员' }).click();
    await currentPage(staffBrowser).locator('.me-profile__name', { hasText: '周会服' }).waitFor();
  }
  const staff = staffBrowser;
  const onPage = (selector: string, hasText?: string) =>
    currentPage(staff).locator(selector, hasText ? { hasText } : {});
  if (reason !== undefined) {
    // A new application waits in the queue's first tab, 待审核.
    await staff.goto(`${harness.baseUrl}/#/packages/join/staff/applications/index`);
    await waitForPage(staff, '/packages/join/staff/applications/index');
    await onPage('.queue-row, .data-table__row--link', '杭州云栈信息技术有限公司').click();
  } else {
    await staff.goto(`${harness.baseUrl}/#/packages/join/staff/application/index?id=${applicationId}`);
  }
  await waitForPage(staff, '/packages/join/staff/application/index');
  await currentPage(staff).getByText('办理记录').waitFor();
  await onPage('.decision__button', button).click();
  if (reason === undefined) {
    await staff.locator('.taro__modal').getByText(button, { exact: true }).click();
    await onPage('.review-badge', '已通过').waitFor();
  } else {
    await onPage('.decision-dialog__reason textarea').fill(reason);
    await onPage('.decision-dialog__submit').click();
    await onPage('.record-history__note', reason).waitFor();
  }
}

/** Swipes a picker column up by `rows` rows, as a finger does (the H5 picker follows touches). */
async function swipeColumn(column: number, rows: number): Promise<void> {
  const group = page.locator('.weui-picker:visible .weui-picker__group').nth(column);
  await group.evaluate(async (element, distance) => {
    const from = 600;
    const touches = (y: number) => [new Touch({ identifier: 1, target: element, clientX: 80, clientY: y })];
    const fire = (type: string, y: number) =>
      element.dispatchEvent(
        new TouchEvent(type, {
          bubbles: true,
          cancelable: true,
          touches: type === 'touchend' ? [] : touches(y),
          changedTouches: touches(y),
        }),
      );
    // Each move is measured from the position the column rendered after the one before.
    const frame = () => new Promise((resolve) => setTimeout(resolve, 40));
    fire('touchstart', from);
    for (let step = 1; step <= 8; step += 1) {
      fire('touchmove', from - (distance * step) / 8);
      await frame();
    }
    fire('touchend', from - distance);
  }, rows * PICKER_ROW);
  // The column settles (a 0.3 s transition) and the next column follows the new province.
  await page.waitForTimeout(400);
}

async function choose(picker: string, rows: number[] = []): Promise<void> {
  await field(`${picker} .apply-picker`).click();
  await page.locator('.weui-picker:visible').waitFor();
  for (const [column, count] of rows.entries()) if (count) await swipeColumn(column, count);
  await page.locator('.weui-picker:visible .weui-picker__action', { hasText: '确定' }).click();
  await page.locator('.weui-picker:visible').waitFor({ state: 'hidden' });
}

test('logged in as the 申请人 persona, the campaign address opens the application form', async () => {
  await page.goto(`${harness.baseUrl}/#/pages/me/index`);
  await waitForPage(page, '/pages/me/index');
  await currentPage(page).locator('.me-personas__row', { hasText: '申请人' }).click();
  await currentPage(page).locator('.me-profile__name', { hasText: '钱申科' }).waitFor();

  await page.goto(`${harness.baseUrl}/?scene=${SCENE}`);
  await waitForPage(page, '/packages/join/pages/apply/index');
  await currentPage(page).getByText('提交申请').waitFor();
});

test('an empty form shows each problem beside its field, before anything is sent', async () => {
  await currentPage(page).getByText('提交申请').click();
  await field('.apply-field__error').first().waitFor();
  const text = await visibleText(page);
  for (const message of [
    '请填写单位名称',
    '请选择单位类型',
    '请选择所在地区',
    '请上传营业执照',
    '请阅读并同意《工作守则》',
  ])
    expect(text).toContain(message);
  await screenshot(page, 'join-apply-errors');
});

test('filled with the region picker and a licence upload, the application is submitted', async () => {
  await field('.apply-input--unitName input').fill('杭州云栈信息技术有限公司');
  await field('.apply-input--creditCode input').fill('91330106MA2H0Y2X1K');
  await choose('.apply-select--unitType');
  // 浙江省 is the eleventh province of the list; its first city is 杭州市.
  await choose('.apply-select--region', [10, 0]);
  await field('.apply-input--address input').fill('杭州市西湖区文三路 100 号');
  await field('.apply-input--legalRepresentative input').fill('孙立');
  await field('.apply-input--contact-name input').fill('钱申科');
  await field('.apply-input--contact-title input').fill('总经理助理');
  await field('.apply-input--contact-mobile input').fill('13800000002');
  await field('.apply-input--contact-email input').fill('qian@example.com');
  await choose('.apply-select--level');
  await field('.apply-textarea textarea').fill(
    '专注于政企客户的云平台运维与信息技术服务管理咨询，服务客户逾百家。',
  );

  const chooser = page.waitForEvent('filechooser');
  await field('.apply-licence__pick').click();
  await (await chooser).setFiles({ name: '营业执照.png', mimeType: 'image/png', buffer: PNG });
  await field('.apply-licence__pick').filter({ hasText: '重新上传' }).waitFor();
  for (const box of await field('.apply-consent__box').all()) await box.click();

  const text = await visibleText(page);
  expect(text).toContain('浙江省杭州市');
  expect(text).toContain('企业');
  expect(text).toContain('年费3,000元/年');
  expect(text).toContain('营业执照.png');
  await expect(field('.apply-field__error').count()).resolves.toBe(0);
  await currentPage(page).getByText('草稿已保存').waitFor();
  await screenshot(page, 'join-apply-filled');

  await currentPage(page).getByText('提交申请').click();
  await waitForPage(page, '/packages/join/pages/detail/index');
  await currentPage(page).locator('.app-state', { hasText: '待审核' }).waitFor();
  applicationId = Number(/[?&]id=(\d+)/.exec(page.url())?.[1]);
  expect(applicationId).toBeGreaterThan(0);
});

test('staff ask for more in their own browser; the applicant sees the reason, edits and resubmits', async () => {
  await staffDecides('要求补充材料', '请上传加盖公章的营业执照副本');
  await page.goto(`${harness.baseUrl}/#/packages/join/pages/mine/index`);
  await waitForPage(page, '/packages/join/pages/mine/index');
  await currentPage(page).locator('.app-state', { hasText: '待补充材料' }).click();
  await waitForPage(page, '/packages/join/pages/detail/index');
  await currentPage(page).getByText('会员服务部请您补充材料：').waitFor();
  expect(await visibleText(page)).toContain('请上传加盖公章的营业执照副本');

  await currentPage(page).getByText('修改申请').click();
  await waitForPage(page, '/packages/join/pages/apply/index');
  await currentPage(page).getByText('保存并重新提交').waitFor();
  const chooser = page.waitForEvent('filechooser');
  await field('.apply-licence__pick').click();
  await (await chooser).setFiles({ name: '营业执照（盖章）.png', mimeType: 'image/png', buffer: PNG });
  await currentPage(page).getByText('营业执照（盖章）.png').waitFor();
  await currentPage(page).getByText('保存并重新提交').click();
  await waitForPage(page, '/packages/join/pages/detail/index');
  await currentPage(page).locator('.app-state', { hasText: '已重新提交' }).waitFor();
  const history = await visibleText(page);
  for (const words of [
    '待审核',
    '待补充材料',
    '已重新提交',
    '会员服务部',
    '申请人',
    '请上传加盖公章的营业执照副本',
  ])
    expect(history).toContain(words);
  await screenshot(page, 'join-application-detail');
});

test('staff approve in their browser: 消息 shows the decision, 我的 shows the unit, and the unit has an unpaid bill of the level’s fee', async () => {
  await staffDecides('通过');
  await page.goto(`${harness.baseUrl}/#/pages/me/index`);
  await waitForPage(page, '/pages/me/index');
  await currentPage(page).locator('.me-help__row--unit', { hasText: '杭州云栈信息技术有限公司' }).waitFor();
  await currentPage(page).locator('.me-help__badge').waitFor();
  // The unread count is on the 我的 tab, the fifth, and on no other.
  await page.locator('.weui-tabbar__item .taro-tabbar-badge').first().waitFor();
  const badged = await page
    .locator('.weui-tabbar__item')
    .evaluateAll((tabs) => tabs.map((tab) => tab.querySelector('.taro-tabbar-badge')?.textContent ?? null));
  expect(badged).toEqual([null, null, null, null, expect.stringMatching(/^[1-9]\d*$/)]);
  // The page left by the address change slides away: the shot waits until only 我的 is in view.
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.taro_page'))
      .filter((p) => p.style.display !== 'none')
      .slice(0, -1)
      .every((p) => p.getBoundingClientRect().left >= window.innerWidth),
  );
  await screenshot(page, 'me-unread');

  await currentPage(page).locator('.me-help__row--messages').click();
  await waitForPage(page, '/packages/account/pages/messages/index');
  await currentPage(page).locator('.message--unread').first().waitFor();
  const messages = await visibleText(page);
  expect(messages).toContain('通过');
  await screenshot(page, 'join-messages');
  await currentPage(page).getByText('全部已读').click();
  await field('.message--unread').first().waitFor({ state: 'detached' });
  await expect(field('.message--unread').count()).resolves.toBe(0);

  await page.goto(`${harness.baseUrl}/#/pages/me/index`);
  await waitForPage(page, '/pages/me/index');
  await currentPage(page).locator('.me-help__row--unit').click();
  await waitForPage(page, '/packages/unit/pages/index/index');
  await currentPage(page).getByText('待缴费').waitFor();
  const unit = await visibleText(page);
  expect(unit).toContain('杭州云栈信息技术有限公司');
  expect(unit).toContain('会员单位');
  expect(unit).toContain(`${new Date().getFullYear()}年度会费`);
  expect(unit).toContain('3,000.00元');
  await screenshot(page, 'join-unit');
});

test('the campaign’s funnel counts one scan, start, submission and approval', async () => {
  const { items } = (await staffCall('GET', '/api/campaigns')) as {
    items: { scene: string; funnel: Record<string, number> }[];
  };
  expect(items.find((campaign) => campaign.scene === SCENE)?.funnel).toEqual({
    scans: 1,
    started: 1,
    submitted: 1,
    approved: 1,
  });
});

test('no script errors along the way', () => {
  expect(harness.errors).toEqual([]);
});
