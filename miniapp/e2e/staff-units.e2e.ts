import ExcelJS from 'exceljs';
import { LEVELS, UNIT_SHEET_COLUMNS, type Group, type UnitListResponse } from '@itss/shared';
import type { Locator, Page } from 'playwright-core';
import { builtServer, seeding } from '../../server/test/support/seed';
import { currentPage, screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';
import { api, loginAs } from './joining';

// The staff pages of member units and groups in a phone-size browser (and the unit page at desktop width): member units,
// the import, a unit with its contacts and requests, groups with a code uploaded from the computer,
// and 待移出群聊 after a suspension.

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

/** Waits until the top page shows exactly `count` of these (a list narrowed or ticked off). */
async function countBecomes(locator: Locator, count: number): Promise<void> {
  const deadline = Date.now() + 10000;
  while ((await locator.count()) !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count}, still ${await locator.count()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function confirmModal(button: string): Promise<void> {
  await page.locator('.taro__modal').getByText(button, { exact: true }).click();
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

async function openFromConsole(link: string, route: string): Promise<void> {
  await openConsole();
  await onPage('.staff-links__text', link).click();
  await waitForPage(page, route);
}

const MEMBER = LEVELS.find((level) => level.code === 'member')?.name ?? '';
const COMMITTEE = LEVELS.find((level) => level.code === 'committee')?.name ?? '';

/** Five units recorded before the system, and two rows staff must fix. */
async function importSheet(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('会员单位');
  sheet.addRow(UNIT_SHEET_COLUMNS.map((column) => column.header));
  const rows: (string | undefined)[][] = [
    [
      '杭州云栈信息技术有限公司',
      '91330106MA2H0Y2X1G',
      '企业',
      '浙江省',
      '杭州市',
      MEMBER,
      '2018-03-01',
      '正常',
    ],
    [
      '南京数安科技有限公司',
      '91320100MA1MXXXX3J',
      '企业',
      '江苏省',
      '南京市',
      COMMITTEE,
      '2019-04-02',
      '正常',
    ],
    [
      '上海申运维服务有限公司',
      '91310000MA1K000006',
      '企业',
      '上海市',
      '浦东新区',
      MEMBER,
      '2016-11-20',
      '正常',
    ],
    [
      '武汉光谷智维科技有限公司',
      '91420100MA4K00000Q',
      '企业',
      '湖北省',
      '武汉市',
      MEMBER,
      '2020-06-18',
      '暂停',
    ],
    [
      '西安交通大学信息中心',
      '12100000435230000E',
      '高等院校',
      '陕西省',
      '西安市',
      COMMITTEE,
      '2015-09-01',
      '正常',
    ],
    ['广州坏码科技有限公司', '123', '企业', '广东省', '广州市', MEMBER, '2020-05-03', '正常'],
    [
      '深圳理事级别有限公司',
      '91440300MA5F000007',
      '企业',
      '广东省',
      '深圳市',
      '理事单位',
      '2021-01-01',
      '正常',
    ],
  ];
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function demoUnitId(): Promise<number> {
  const { body } = await api<UnitListResponse>(
    harness.baseUrl,
    staffToken,
    'GET',
    `/api/units?q=${encodeURIComponent('示例会员单位')}`,
  );
  const id = body.items[0]?.id;
  if (!id) throw new Error('no demo unit');
  return id;
}

async function uploadCode(groupId: number, bytes: Buffer): Promise<void> {
  await seeding(builtServer(harness.baseUrl)).uploadGroupCode(staffToken, groupId, { bytes, name: 'qr.png' });
}

/** A QR-like image drawn by the browser itself: the server judges it by its bytes. */
async function drawCode(): Promise<Buffer> {
  const sheet = await page.context().newPage();
  await sheet.setViewportSize({ width: 240, height: 240 });
  await sheet.setContent(
    '<body style="margin:0;background:#fff"><div style="margin:20px;width:200px;height:200px;background:repeating-conic-gradient(#000 0 25%,#fff 0 50%) 0 0/40px 40px"></div></body>',
  );
  const bytes = await sheet.screenshot({ type: 'png' });
  await sheet.close();
  return bytes;
}

test('会员单位: the seeded unit in the list, with level, status, contacts and the primary contact', async () => {
  await openFromConsole('会员单位', '/packages/unit/staff/units/index');
  await onPage('.unit-row', '示例会员单位').waitFor();
  const text = await visibleText(page);
  for (const words of ['委员单位', '正常', '联系人2位·主联系人：李主联', '新增单位', '批量导入', '导出Excel'])
    expect(text).toContain(words);
});

test('批量导入: a chosen .xlsx is previewed with every bad row, then confirmed; the list shows the units', async () => {
  await openFromConsole('会员单位', '/packages/unit/staff/units/index');
  await onPage('.units-actions__button', '批量导入').click();
  await waitForPage(page, '/packages/unit/staff/units-import/index');
  await currentPage(page).getByText('统一社会信用代码、单位类型', { exact: false }).waitFor();
  const chooser = page.waitForEvent('filechooser');
  await onPage('.import-choose').click();
  await (
    await chooser
  ).setFiles({
    name: '会员单位.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await importSheet(),
  });
  await onPage('.import-summary__confirm', '确认导入 5 家单位').waitFor();
  const text = await visibleText(page);
  for (const words of ['第7行', '广州坏码科技有限公司', '第8行', '深圳理事级别有限公司'])
    expect(text).toContain(words);
  await screenshot(page, 'staff-import');
  await onPage('.import-summary__confirm').click();
  await currentPage(page).getByText('已导入 5 家会员单位').waitFor();
  await currentPage(page).getByText('查看会员单位').click();
  await waitForPage(page, '/packages/unit/staff/units/index');
  await onPage('.unit-row', '西安交通大学信息中心').waitFor();
  await onPage('.unit-row', '武汉光谷智维科技有限公司').locator('.unit-status--suspended').waitFor();
  await screenshot(page, 'staff-units');

  // Suspended: the imported one, and the development seed's unit in arrears.
  await onPage('.staff-chips__chip', '暂停').click();
  await onPage('.unit-row', '武汉光谷智维科技有限公司').waitFor();
  await countBecomes(onPage('.unit-row'), 2);
});

test('the unit page at desktop width: contacts, a join request to decide, an invite link', async () => {
  // 孙联络, the 会员联系人 persona, is the demo unit's other contact from the start.
  const unitId = await demoUnitId();
  const applicant = await loginAs(harness.baseUrl, 'applicant');
  const asked = await api(harness.baseUrl, applicant, 'POST', `/api/units/${unitId}/join-requests`, {
    creditCode: '91110108MA01XAMP1P',
    name: '钱申科',
    title: '技术总监',
  });
  expect(asked.status).toBe(201);

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${harness.baseUrl}/#/packages/unit/staff/unit/index?id=${unitId}`);
  await waitForPage(page, '/packages/unit/staff/unit/index');
  await onPage('.unit-contact__name', '孙联络').waitFor();
  await onPage('.unit-contact__name', '钱申科').waitFor();
  await onPage('.unit-invite__create').click();
  await onPage('.unit-invite__link').waitFor();
  expect(await onPage('.unit-invite__link').innerText()).toMatch(
    /#\/packages\/unit\/pages\/invite\/index\?token=/,
  );
  const text = await visibleText(page);
  for (const words of ['91110108MA01XAMP1P', '主联系人', '名额2/5', '运维经理', '钱申科'])
    expect(text).toContain(words);
  await screenshot(page, 'staff-unit');

  await onPage('.staff-button', '同意').click();
  await confirmModal('同意');
  await currentPage(page).getByText('暂无待处理的加入申请').waitFor();
  await onPage('.unit-head__meta', '联系人 3/5').waitFor();
  await page.setViewportSize({ width: 375, height: 812 });
});

test('会员微信群: a new group, its QR image uploaded from the computer, shown as valid', async () => {
  await openFromConsole('会员微信群', '/packages/groups/staff/groups/index');
  await onPage('.groups-new').click();
  await onPage('.group-form__name input').fill('ITSS 会员交流群');
  await onPage('.staff-form__submit', '创建').click();
  await onPage('.group-card__name', 'ITSS 会员交流群').waitFor();
  await onPage('.group-code--none').waitFor();
  await onPage('.staff-button', '上传群二维码').click();
  const chooser = page.waitForEvent('filechooser');
  await onPage('.group-upload__button').click();
  await (await chooser).setFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await drawCode() });
  await onPage('.group-code--valid', '有效至').waitFor();

  const { body: created } = await api<Group>(harness.baseUrl, staffToken, 'POST', '/api/groups', {
    name: '副会长单位群',
    minLevel: 'vice_president',
    note: '群主：会员服务部',
  });
  await uploadCode(created.id, await drawCode());
  await page.reload();
  await waitForPage(page, '/packages/groups/staff/groups/index');
  await onPage('.group-card__name', '副会长单位群').waitFor();
  await screenshot(page, 'staff-groups');
});

test('待移出群聊: contacts shown the code appear after the unit is suspended on its page, and are ticked off', async () => {
  for (const persona of ['primary_contact', 'member_contact'] as const) {
    const token = await loginAs(harness.baseUrl, persona);
    const entry = await api<{ items: { status: string }[] }>(
      harness.baseUrl,
      token,
      'GET',
      '/api/groups/entry',
    );
    expect(entry.body.items.map((item) => item.status)).toContain('code');
  }
  const unitId = await demoUnitId();
  await page.goto(`${harness.baseUrl}/#/packages/unit/staff/unit/index?id=${unitId}`);
  await waitForPage(page, '/packages/unit/staff/unit/index');
  await onPage('.staff-button', '暂停会员资格').click();
  await onPage('.unit-status-panel__reason textarea').fill('连续两个年度未缴纳会费');
  await onPage('.staff-button', '确认暂停会员资格').click();
  await confirmModal('确定');
  await onPage('.unit-status--suspended').first().waitFor();

  await openFromConsole('待移出群聊', '/packages/groups/staff/group-removals/index');
  await onPage('.task-row__title', '孙联络').waitFor();
  const text = await visibleText(page);
  for (const words of ['李主联·示例会员单位', '单位暂停会员资格', '所在群：ITSS会员交流群', '群昵称：'])
    expect(text).toContain(words);
  await screenshot(page, 'staff-removals');
  await onPage('.task-row', '孙联络').locator('.task-row__done').click();
  await confirmModal('已移出');
  await countBecomes(onPage('.task-row'), 1);
  await onPage('.staff-chips__chip', '已处理').click();
  await onPage('.task-row__meta', '周会服 移出于').waitFor();
});
