import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { formatFen, type Bill, type BillListResponse, type Me } from '@itss/shared';
import { PDF, builtServer, seeding } from '../../server/test/support/seed';
import { compact, screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';
import { journey, on } from './journey';
import { loginAs } from './joining';

// 会费 on the member's side, in a browser against the built server and its WeChat Pay stand-in: staff
// open this year's bills; the demo unit's primary contact finds the bill from 我的, reads and copies
// its remittance code, pays it by WeChat Pay (the stand-in plays the cashier) and sees it paid;
// requests a receipt; staff upload it on their 开票申请 page; the contact downloads the PDF.
let harness: Harness;
let member: Page;
let memberToken: string;
let bill: Bill;

/** The bills' year as the association counts it (Beijing). */
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const DUES = '/packages/dues/pages/index/index';
const WIDTHS = [320, 375, 1366] as const;

beforeAll(async () => {
  harness = await startHarness();
  member = harness.page;
}, 60000);

afterAll(async () => {
  await harness?.close();
});

afterEach(async () => {
  expect(harness.errors).toEqual([]);
  await member.setViewportSize({ width: 375, height: 812 });
});

const { post, staffToken, signIn, open } = journey(() => harness.baseUrl);
const seed = () => seeding(builtServer(harness.baseUrl));

async function unitBill(): Promise<Bill> {
  const me = await seed().ok<Me>(memberToken, 'GET', '/api/me');
  const { items } = await seed().ok<BillListResponse>(memberToken, 'GET', `/api/units/${me.unit?.id}/bills`);
  const found = items.find((item) => item.year === YEAR);
  if (!found) throw new Error(`no ${YEAR} bill for the demo unit`);
  return found;
}

/** Nothing sticks out sideways: the code, its 复制 and the pay button are all on screen. */
async function expectWithinWidth(): Promise<void> {
  const width = member.viewportSize()?.width ?? 0;
  for (const selector of ['.dues-code__value', '.dues-code__copy', '.dues-wechat__button', '.dues-bill']) {
    const box = await on(member, selector).first().boundingBox();
    expect({ selector, inside: !!box && box.x >= 0 && box.x + box.width <= width + 0.5 }).toEqual({
      selector,
      inside: true,
    });
  }
}

test('the contact finds this year’s bill from 我的, with its remittance code to copy, at every width', async () => {
  await post(`/api/dues/years/${YEAR}/bills`, {}, await staffToken());
  memberToken = await loginAs(harness.baseUrl, 'primary_contact');
  bill = await unitBill();

  await signIn(member, '主联系人', '李主联');
  await on(member, '.me-help__row--dues').click();
  await waitForPage(member, DUES);
  await on(member, '.dues-code__value', bill.remittanceCode).waitFor();
  const text = await visibleText(member);
  for (const words of [`${YEAR}年度会费`, formatFen(bill.amountFen), bill.dueDate, '待缴费', '附言'])
    expect(text).toContain(compact(words));
  await screenshot(member, 'dues-member');

  for (const width of WIDTHS) {
    await member.setViewportSize({ width, height: 800 });
    await open(member, DUES);
    await on(member, '.dues-code__value', bill.remittanceCode).waitFor();
    await expectWithinWidth();
  }
  await member.setViewportSize({ width: 1366, height: 800 });
  await screenshot(member, 'dues-member-desktop');
});

test('微信支付 against the stand-in: 模拟支付 → 支付成功, and the bill turns paid', async () => {
  await open(member, DUES);
  await on(member, '.dues-wechat__button', formatFen(bill.amountFen)).click();
  const modal = member.locator('.taro__modal');
  await modal.getByText('模拟支付').waitFor();
  await modal.getByText('支付成功', { exact: true }).click();
  await on(member, '.dues-bill__status--paid').waitFor();
  expect(await visibleText(member)).not.toContain(bill.remittanceCode);
  const paid = await unitBill();
  expect({ status: paid.status, paidFen: paid.paidFen }).toEqual({ status: 'paid', paidFen: bill.amountFen });
});

test('the contact requests a receipt; staff upload it in 开票申请; the contact downloads the PDF', async () => {
  await open(member, DUES);
  await on(member, '.dues-receipt__request', '申请会费票据').click();
  // A browser has no WeChat titles: the unit's own name is the title.
  await expect(on(member, '.dues-field__input--title input').inputValue()).resolves.toBe(bill.unitName);
  await on(member, '.dues-field__input--tax input').fill('91110108MA01XAMP1P');
  await on(member, '.dues-receipt-form__submit').click();
  await on(member, '.dues-receipt__status--requested').waitFor();

  const staff = await harness.secondBrowser();
  await signIn(staff, '工作人员', '周会服');
  await open(staff, '/packages/dues/staff/receipts/index');
  const row = on(staff, '.receipt-row', bill.unitName);
  await row.locator('.document-issue__number input').fill('HF2026-000001');
  const chooser = staff.waitForEvent('filechooser');
  await row.locator('.document-issue__upload').click();
  await (await chooser).setFiles({ name: '会费票据.pdf', mimeType: 'application/pdf', buffer: PDF });
  // Issued, it leaves the list of requests waiting for a receipt.
  await row.waitFor({ state: 'detached' });

  await open(member, DUES);
  await on(member, '.dues-receipt__status--issued').waitFor();
  const downloading = member.waitForEvent('download');
  await on(member, '.dues-receipt__download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`会费票据-${YEAR}-HF2026-000001.pdf`);
  expect(readFileSync(await download.path()).subarray(0, PDF.length)).toEqual(PDF);
});
