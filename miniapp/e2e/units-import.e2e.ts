import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { LEVELS, UNIT_SHEET_COLUMNS, type UnitListResponse } from '@itss/shared';
import type { Locator, Page } from 'playwright-core';
import { builtServer, seeding, validCreditCode } from '../../server/test/support/seed';
import { currentPage, screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';
import { api, loginAs } from './joining';

// Staff export the member units, edit the workbook as a spreadsheet program would, and import it
// back: existing units are updated by their credit code, none refused as duplicates.

let harness: Harness;
let page: Page;
let staffToken: string;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  staffToken = await loginAs(harness.baseUrl, 'staff');
}, 60000);

afterAll(async () => {
  await harness?.close();
});

afterEach(() => {
  expect(harness.errors).toEqual([]);
});

const onPage = (selector: string, hasText?: string): Locator =>
  currentPage(page).locator(selector, hasText ? { hasText } : {});

const MEMBER = LEVELS.find((level) => level.code === 'member')?.name ?? '';
const COMMITTEE = LEVELS.find((level) => level.code === 'committee')?.name ?? '';

async function openUnits(): Promise<void> {
  await page.goto(`${harness.baseUrl}/#/pages/me/index`);
  await waitForPage(page, '/pages/me/index');
  if (!(await onPage('.me-profile__name', '周会服').count())) {
    await currentPage(page).getByText('选择演示身份').waitFor();
    await onPage('.me-personas__row', '工作人员').click();
    await onPage('.me-profile__name', '周会服').waitFor();
  }
  await currentPage(page).getByText('工作台', { exact: true }).click();
  await waitForPage(page, '/packages/staff/pages/index/index');
  await onPage('.staff-links__text', '会员单位').click();
  await waitForPage(page, '/packages/unit/staff/units/index');
}

async function unitCount(): Promise<number> {
  const { body } = await api<UnitListResponse>(harness.baseUrl, staffToken, 'GET', '/api/units?limit=50');
  return body.items.length;
}

/** The bytes of what a click downloads. */
async function downloaded(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  if (!path) throw new Error('nothing downloaded');
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** The column of a header in the first sheet's first row. */
function columnOf(sheet: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  sheet.getRow(1).eachCell((cell, column) => {
    if (cell.value === header) found = column;
  });
  if (!found) throw new Error(`no column ${header}`);
  return found;
}

test('导出 → 修改两格 → 导入: the preview says 2 updates and what changes, none refused; confirmed, the units show the new values and no unit is added', async () => {
  const seed = seeding(builtServer(harness.baseUrl));
  const renamed = await seed.recordUnit(staffToken, {
    name: '成都旧名称信息技术有限公司',
    creditCode: validCreditCode(),
    unitType: 'enterprise',
    province: '四川省',
    city: '成都市',
    level: 'member',
    joinedOn: '2017-05-03',
  });
  const promoted = await seed.recordUnit(staffToken, {
    name: '长沙晋级数据服务有限公司',
    creditCode: validCreditCode(),
    unitType: 'enterprise',
    province: '湖南省',
    city: '长沙市',
    level: 'member',
    joinedOn: '2018-08-08',
  });
  const before = await unitCount();

  await openUnits();
  const exported = await downloaded(() => onPage('.units-actions__button', '导出 Excel').click());
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(exported.bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const codeColumn = columnOf(sheet, '统一社会信用代码');
  const rowOf = (code: string): ExcelJS.Row => {
    let found: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(codeColumn).value === code) found = row;
    });
    if (!found) throw new Error(`no row for ${code}`);
    return found;
  };
  rowOf(renamed.creditCode).getCell(columnOf(sheet, '单位名称')).value = '成都新名称信息技术有限公司';
  rowOf(promoted.creditCode).getCell(columnOf(sheet, '会员级别')).value = COMMITTEE;
  const edited = Buffer.from(await book.xlsx.writeBuffer());

  await onPage('.units-actions__button', '批量导入').click();
  await waitForPage(page, '/packages/unit/staff/units-import/index');
  const chooser = page.waitForEvent('filechooser');
  await onPage('.import-choose').click();
  await (
    await chooser
  ).setFiles({
    name: exported.name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: edited,
  });
  await onPage('.import-summary__confirm').waitFor();
  const preview = await visibleText(page);
  expect(await onPage('.import-summary__count--update .import-summary__number').innerText()).toBe('2');
  expect(await onPage('.import-summary__count--create .import-summary__number').innerText()).toBe('0');
  expect(await onPage('.import-summary__count--error .import-summary__number').innerText()).toBe('0');
  for (const words of [
    // visibleText drops whitespace.
    '单位名称：成都旧名称信息技术有限公司→成都新名称信息技术有限公司',
    `会员级别：${MEMBER}→${COMMITTEE}`,
  ])
    expect(preview).toContain(words);
  expect(preview).not.toContain('已在会员名单中');
  await screenshot(page, 'staff-import-update');
  expect((await onPage('.import-summary__confirm').innerText()).replace(/\s/g, '')).toContain('更新2家');
  await onPage('.import-summary__confirm').click();
  await currentPage(page).getByText('已更新 2 家会员单位', { exact: false }).waitFor();

  await currentPage(page).getByText('查看会员单位').click();
  await waitForPage(page, '/packages/unit/staff/units/index');
  await onPage('.unit-row', '成都新名称信息技术有限公司').waitFor();
  expect(await onPage('.unit-row', '长沙晋级数据服务有限公司').innerText()).toContain(COMMITTEE);
  expect(await onPage('.unit-row', '成都旧名称信息技术有限公司').count()).toBe(0);
  expect(await unitCount()).toBe(before);
});

test('下载导入模板: the template downloads from the import page with the columns the import takes', async () => {
  await openUnits();
  await onPage('.units-actions__button', '批量导入').click();
  await waitForPage(page, '/packages/unit/staff/units-import/index');
  const template = await downloaded(() => onPage('.import-template__download').click());
  expect(template.name).toMatch(/^会员单位导入模板-\d{8}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template.bytes as unknown as ArrayBuffer);
  const header: unknown[] = [];
  book.worksheets[0]?.getRow(1).eachCell((cell) => header.push(cell.value));
  expect(header).toEqual(UNIT_SHEET_COLUMNS.map((column) => column.header));
});
