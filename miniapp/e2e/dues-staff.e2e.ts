import { STATEMENT_COLUMNS, type Bill, type BillPage } from '@itss/shared';
import type { Locator, Page } from 'playwright-core';
import { builtServer, seeding, validCreditCode } from '../../server/test/support/seed';
import { currentPage, screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';
import { api, loginAs } from './joining';

// Staff's half of dues in a browser: the year's bills opened from 会费管理, a bank statement whose
// three lines carry three bills' remittance codes and one carries none, confirmed, the three bills
// paid, and the same statement uploaded again crediting nothing. Screenshots of the overview on a
// phone and a desktop.

let harness: Harness;
let page: Page;
let staffToken: string;

/** The year 会费管理 opens on: Beijing's. */
const YEAR = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
const UNITS = ['杭州缴费一号科技有限公司', '南京缴费二号信息有限公司', '武汉缴费三号数据有限公司'];

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  staffToken = await loginAs(harness.baseUrl, 'staff');
}, 60000);

afterAll(async () => {
  await harness?.close();
});

afterEach(async () => {
  expect(harness.errors).toEqual([]);
  await page.setViewportSize({ width: 375, height: 812 });
});

const onPage = (selector: string, hasText?: string): Locator =>
  currentPage(page).locator(selector, hasText ? { hasText } : {});

async function billOf(unitName: string): Promise<Bill> {
  const { body } = await api<BillPage>(
    harness.baseUrl,
    staffToken,
    'GET',
    `/api/dues/bills?year=${YEAR}&q=${encodeURIComponent(unitName)}`,
  );
  expect(body.items).toHaveLength(1);
  const [bill] = body.items;
  if (!bill) throw new Error(`no bill of ${unitName}`);
  return bill;
}

/** The template's columns: one line per bill paying it in full with its code in the memo, and a stray one. */
function statementCsv(bills: Bill[]): Buffer {
  const lines = bills.map(
    (bill, index) =>
      `${YEAR}-02-1${index},${(bill.amountFen / 100).toFixed(2)},${bill.unitName},${YEAR}年会费 ${bill.remittanceCode},E2E${YEAR}02${index}`,
  );
  return Buffer.from(
    [STATEMENT_COLUMNS.join(','), ...lines, `${YEAR}-02-19,88.00,某某贸易有限公司,货款,E2E${YEAR}0299`].join(
      '\n',
    ),
  );
}

async function signInAsStaff(): Promise<void> {
  await page.goto(`${harness.baseUrl}/#/pages/me/index`);
  await waitForPage(page, '/pages/me/index');
  if (!(await onPage('.me-profile__name', '周会服').count())) {
    await currentPage(page).getByText('选择演示身份').waitFor();
    await onPage('.me-personas__row', '工作人员').click();
    await onPage('.me-profile__name', '周会服').waitFor();
  }
}

async function upload(csv: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await onPage((await onPage('.statement-again').count()) ? '.statement-again' : '.statement-choose').click();
  await (await chooser).setFiles({ name: '银行流水.csv', mimeType: 'text/csv', buffer: csv });
}

test('three lines match three bills and one does not; confirmed, the bills are paid; the same statement again credits nothing', async () => {
  const seed = seeding(builtServer(harness.baseUrl));
  for (const name of UNITS)
    await seed.recordUnit(staffToken, {
      name,
      creditCode: validCreditCode(),
      unitType: 'enterprise',
      province: '湖北省',
      city: '武汉市',
      level: 'member',
      joinedOn: '2019-04-01',
    });

  await signInAsStaff();
  await currentPage(page).getByText('工作台', { exact: true }).click();
  await waitForPage(page, '/packages/staff/pages/index/index');
  await onPage('.staff-links__text', '会费').click();
  await waitForPage(page, '/packages/dues/staff/index/index');
  await onPage('.dues-open__submit').click();
  await page.locator('.taro__modal').getByText('生成', { exact: true }).click();
  await onPage('.dues-notice', '已生成').waitFor();
  const bills = await Promise.all(UNITS.map(billOf));
  for (const bill of bills) expect(bill.status).toBe('unpaid');

  await onPage('.dues-links__text', '上传银行流水').click();
  await waitForPage(page, '/packages/dues/staff/statement/index');
  const csv = statementCsv(bills);
  await upload(csv);
  await onPage('.statement-confirm').waitFor();
  expect(await onPage('.statement-summary__count--matched .statement-summary__number').innerText()).toBe('3');
  expect(await onPage('.statement-summary__count--unmatched .statement-summary__number').innerText()).toBe(
    '1',
  );
  const preview = await visibleText(page);
  for (const name of UNITS) expect(preview).toContain(name);
  expect(preview).toContain('某某贸易有限公司');
  await screenshot(page, 'dues-statement');
  await onPage('.statement-confirm').click();
  await page.locator('.taro__modal').getByText('入账', { exact: true }).click();
  await onPage('.statement-result').waitFor();
  expect((await onPage('.statement-result').innerText()).replace(/\s/g, '')).toContain('已入账3笔');
  for (const name of UNITS) {
    const bill = await billOf(name);
    expect([bill.status, bill.paidFen]).toEqual(['paid', bill.amountFen]);
  }

  // The same statement again: every line is already credited, so there is nothing to confirm.
  await upload(csv);
  await onPage('.statement-summary__count--unmatched .statement-summary__number', '4').waitFor();
  expect(await onPage('.statement-summary__count--matched .statement-summary__number').innerText()).toBe('0');
  expect(await onPage('.statement-confirm').count()).toBe(0);
  expect((await visibleText(page)).split('流水号已入账').length - 1).toBeGreaterThanOrEqual(3);
  for (const name of UNITS) {
    const bill = await billOf(name);
    expect([bill.status, bill.paidFen]).toEqual(['paid', bill.amountFen]);
  }
});

test('会费管理 on a phone and a desktop: the chart by level, the totals and the actions', async () => {
  await signInAsStaff();
  for (const [width, name] of [
    [375, 'dues-staff'],
    [1366, 'dues-staff-desktop'],
  ] as const) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${harness.baseUrl}/#/packages/dues/staff/index/index`);
    await waitForPage(page, '/packages/dues/staff/index/index');
    await onPage('.dues-chart__row').first().waitFor();
    const text = await visibleText(page);
    expect(text).toContain('会员单位');
    expect(text).toContain('已收');
    await screenshot(page, name);
  }
});

/** Every button of `row` lies inside the viewport, whole, its label on one line. */
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
  for (const button of buttons)
    expect({ ...button, inside: button.left >= 0 && button.right <= width }).toEqual({
      ...button,
      inside: true,
      lines: 1,
    });
}

test('a bill at 320 px: 减免 and 作废, then 确认作废 and 取消, are all on screen', async () => {
  const name = '西安窄屏四号科技有限公司';
  await seeding(builtServer(harness.baseUrl)).recordUnit(staffToken, {
    name,
    creditCode: validCreditCode(),
    unitType: 'enterprise',
    province: '陕西省',
    city: '西安市',
    level: 'committee',
    joinedOn: '2020-01-01',
  });
  await api(harness.baseUrl, staffToken, 'POST', `/api/dues/years/${YEAR}/bills`, {});
  const bill = await billOf(name);
  await signInAsStaff();
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(`${harness.baseUrl}/#/packages/dues/staff/bill/index?id=${bill.id}`);
  await waitForPage(page, '/packages/dues/staff/bill/index');
  await expectReachable(onPage('.dues-close > .dues-actions'));
  await onPage('.dues-close__open', '作废').click();
  await expectReachable(onPage('.dues-close__form .dues-actions'));
});
