import { ApplicationError, type Application } from '@itss/shared';
import type { Locator, Page } from 'playwright-core';
import { currentPage, screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';
import { api, loginAs, submitApplication } from './joining';

// The staff side of joining in a desktop-size and a phone-size browser: the queue with its to-do
// count, an application with its licence, the decisions and their refusal, the export, campaigns.

let harness: Harness;
let page: Page;
let licence: Buffer;

/** A business licence as a photo would show one, drawn by the browser itself. */
async function drawLicence(): Promise<Buffer> {
  const sheet = await page.context().newPage();
  await sheet.setViewportSize({ width: 600, height: 420 });
  await sheet.setContent(`<body style="margin:0;font-family:'Noto Sans CJK SC',sans-serif">
    <div style="margin:16px;height:388px;border:6px double #b22;background:#fffdf6;text-align:center">
      <div style="font-size:40px;color:#b22;margin-top:24px;letter-spacing:8px">营业执照</div>
      <div style="text-align:left;margin:24px 40px;font-size:18px;line-height:1.9">
        统一社会信用代码 91110000600037341L<br>名称 北京数智运维科技有限公司<br>类型 有限责任公司<br>
        法定代表人 孙法人<br>住所 北京市海淀区中关村大街 1 号</div></div></body>`);
  const bytes = await sheet.screenshot({ type: 'png' });
  await sheet.close();
  return bytes;
}

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  licence = await drawLicence();
}, 60000);

afterAll(async () => {
  await harness?.close();
});

const onPage = (selector: string, hasText?: string): Locator =>
  currentPage(page).locator(selector, hasText ? { hasText } : {});

async function imageLoaded(selector: string): Promise<void> {
  await page.waitForFunction((css) => {
    const shown = Array.from(document.querySelectorAll<HTMLImageElement>(`${css} img`)).filter(
      (img) => img.offsetParent,
    );
    return shown.some((img) => img.complete && img.naturalWidth > 0);
  }, selector);
}

async function openConsole(): Promise<void> {
  await page.goto(`${harness.baseUrl}/#/pages/me/index`);
  await waitForPage(page, '/pages/me/index');
  if (!(await onPage('.me-profile__name', '周会服').count())) {
    await currentPage(page).getByText('选择演示身份').waitFor();
    await onPage('.me-personas__row', '工作人员').click();
    await onPage('.me-profile__name', '周会服').waitFor();
  }
  await currentPage(page).getByText('工作台', { exact: true }).click();
  await waitForPage(page, '/packages/staff/pages/index/index');
}

async function openQueueWithCount(count: number): Promise<void> {
  await openConsole();
  // 入会审核's own count: other tiles count their to-dos too.
  await onPage('.staff-links__row--applications .staff-links__badge', String(count)).waitFor();
  // The tile (the side navigation at a desk names it too).
  await onPage('.staff-links__text', '入会审核').click();
  await waitForPage(page, '/packages/join/staff/applications/index');
}

async function openApplication(application: Application): Promise<void> {
  await onPage('.queue-row, .data-table__row--link', application.unitName).click();
  await waitForPage(page, '/packages/join/staff/application/index');
  await currentPage(page).getByText('办理记录').waitFor();
}

async function askWithReason(button: string, reason: string, shot?: string): Promise<void> {
  await onPage('.decision__button', button).click();
  const field = onPage('.decision-dialog__reason textarea');
  await field.waitFor();
  await onPage('.decision-dialog__submit').click();
  await onPage('.decision-dialog__error', '请填写原因').waitFor();
  await field.fill(reason);
  if (shot) await screenshot(page, shot);
  await onPage('.decision-dialog__submit').click();
}

describe('desktop size (1280×800)', () => {
  let staffToken: string;
  let applicantToken: string;
  let submitted: Application;

  beforeAll(async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    applicantToken = await loginAs(harness.baseUrl, 'applicant');
    staffToken = await loginAs(harness.baseUrl, 'staff');
    submitted = await submitApplication(harness.baseUrl, applicantToken, licence);
  });

  test('an application submitted by the applicant is in the queue, with the to-do count on 工作台', async () => {
    await openQueueWithCount(1);
    await onPage('.queue-row, .data-table__row--link', submitted.unitName).waitFor();
    const text = await visibleText(page);
    // A table's cells at a desk: the contact's name and masked phone side by side.
    for (const words of ['委员单位', '钱联络', '139****0002', '未通过推广码', '待审核'])
      expect(text).toContain(words);
    await screenshot(page, 'staff-queue');
  });

  test('the application shows every field and the licence; 要求补充材料 needs a reason and shows it in the history', async () => {
    await openApplication(submitted);
    await imageLoaded('.licence__image');
    const text = await visibleText(page);
    for (const words of [
      '91110000600037341L',
      '北京市海淀区',
      '孙法人',
      'ITSS二级',
      'qian@example.com',
      '10,000元/年',
    ])
      expect(text).toContain(words);
    expect(text).not.toContain('校验位不符');
    await screenshot(page, 'staff-application');

    await askWithReason('要求补充材料', '请上传加盖公章的营业执照', 'staff-decision-dialog');
    await onPage('.record-history__note', '请上传加盖公章的营业执照').waitFor();
    await currentPage(page).getByText('已要求补充材料，等待申请人修改后重新提交').waitFor();
  });

  test('after the applicant resubmits, 通过 (confirmed) makes it 已通过 with its unit; a second decision is refused', async () => {
    const resubmitted = await api<Application>(
      harness.baseUrl,
      applicantToken,
      'POST',
      `/api/applications/${submitted.id}/resubmit`,
    );
    expect(resubmitted.body.state).toBe('resubmitted');
    await page.reload();
    await waitForPage(page, '/packages/join/staff/application/index');
    await onPage('.decision__button', '通过').click();
    await page.getByText('并生成').waitFor();
    expect(await page.locator('.taro__modal').innerText()).toContain(
      '创建会员单位「北京数智运维科技有限公司」',
    );
    await page.locator('.taro__modal').getByText('通过', { exact: true }).click();
    await onPage('.review-badge', '已通过').waitFor();
    await currentPage(page).getByText('已成为会员单位：北京数智运维科技有限公司').waitFor();
    await expect(onPage('.decision__button').count()).resolves.toBe(0);

    const again = await api<{ code: string }>(
      harness.baseUrl,
      staffToken,
      'POST',
      `/api/applications/${submitted.id}/decisions`,
      { decision: 'reject', reason: '重复的审核' },
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(ApplicationError.WrongState);
  });

  test('导出 Excel downloads the filtered list as 入会申请-YYYYMMDD.xlsx', async () => {
    await page.goBack();
    await waitForPage(page, '/packages/join/staff/applications/index');
    await onPage('.queue-tabs__tab', '已通过').click();
    await onPage('.queue-row, .data-table__row--link', submitted.unitName).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      onPage('.queue-actions__export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^入会申请-\d{8}\.xlsx$/);
    const path = await download.path();
    expect(path).toBeTruthy();
  });

  test('a campaign is created; its funnel and its mini-program code show, and the code downloads', async () => {
    await openConsole();
    await onPage('.staff-links__text', '入会推广码').click();
    await waitForPage(page, '/packages/join/staff/campaigns/index');
    await onPage('.campaign-create__submit').click();
    await onPage('.campaign-create__error', '名称至少 2 个字').waitFor();
    await onPage('.campaign-create__name input').fill('秋季会员大会');
    await onPage('.campaign-create__submit').click();
    const card = onPage('.campaign', '秋季会员大会');
    await card.waitFor();
    expect((await card.locator('.funnel__cell').allInnerTexts()).map((t) => t.replace(/\s+/g, ''))).toEqual([
      '0扫码',
      '0开始填写',
      '0已提交',
      '0已通过',
    ]);
    await card.getByText('查看小程序码').click();
    await card.locator('.campaign-code__scene').waitFor();
    await imageLoaded('.campaign-code__image');
    await page.getByText('已创建秋季会员大会').waitFor({ state: 'hidden' });
    await screenshot(page, 'staff-campaigns');
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByText('下载图片').click()]);
    expect(download.suggestedFilename()).toBe('入会推广码-秋季会员大会.png');
  });
});

describe('phone size (375×812)', () => {
  let staffToken: string;
  let submitted: Application;

  beforeAll(async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    const visitor = await loginAs(harness.baseUrl, 'visitor');
    staffToken = await loginAs(harness.baseUrl, 'staff');
    // A checksum that does not match: accepted, and flagged to staff.
    submitted = await submitApplication(harness.baseUrl, visitor, licence, {
      unitName: '上海云桥信息服务有限公司',
      creditCode: '91310000600037341M',
      province: '上海市',
      city: '浦东新区',
      address: '上海市浦东新区张江路 88 号',
      level: 'member',
    });
  });

  test('the queue flags the checksum; the application shows the warning and the licence', async () => {
    await openQueueWithCount(1);
    await onPage('.queue-row, .data-table__row--link', submitted.unitName).getByText('校验位不符').waitFor();
    await screenshot(page, 'staff-queue-phone');
    await openApplication(submitted);
    await currentPage(page).getByText('统一社会信用代码校验位不符，请核对营业执照').waitFor();
    await imageLoaded('.licence__image');
    await screenshot(page, 'staff-application-phone');
  });

  test('when another staff member decides first, 驳回 shows the 409 message and the page shows their decision', async () => {
    const first = await api<Application>(
      harness.baseUrl,
      staffToken,
      'POST',
      `/api/applications/${submitted.id}/decisions`,
      { decision: 'reject', reason: '不符合入会条件' },
    );
    expect(first.status).toBe(200);
    await askWithReason('驳回', '资料不全');
    await page.getByText('申请状态已变化，当前不能进行此操作，请刷新后查看').waitFor();
    await page.locator('.taro__modal').getByText('确定', { exact: true }).click();
    await onPage('.review-badge', '未通过').waitFor();
    await onPage('.record-history__note', '不符合入会条件').waitFor();
    expect(await visibleText(page)).not.toContain('资料不全');
  });
});

test('no script errors along the way, only the browser logging the one refused decision', () => {
  expect(harness.errors).toEqual([expect.stringContaining('status of 409 (Conflict)')]);
});
