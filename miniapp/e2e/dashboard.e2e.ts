import type { Dashboard } from '@itss/shared';
import type { Page } from 'playwright-core';
import { currentPage, screenshot, startHarness, waitForPage, type Harness } from './harness';
import { journey } from './journey';
import { api, loginAs } from './joining';

// The dashboard on 工作台: the whole of it at a desk (every chart drawn on a canvas, each with its
// table of the numbers the API gives), the compact view on a phone, and nothing of it for a member.
let harness: Harness;
let page: Page;
let staffToken: string;

const WORKBENCH = '/packages/staff/pages/index/index';

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  staffToken = await loginAs(harness.baseUrl, 'staff');
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

const { signIn, open } = journey(() => harness.baseUrl);

const onPage = (selector: string, hasText?: string) =>
  currentPage(page).locator(selector, hasText ? { hasText } : {});

/** The dashboard as the API gives it to staff for the default range (the page's own default). */
async function fromApi(): Promise<Dashboard> {
  const answer = await api<Dashboard>(harness.baseUrl, staffToken, 'GET', '/api/dashboard');
  expect(answer.status).toBe(200);
  return answer.body;
}

/** Rows of the table a panel shows after 表格, each row's cells as text. */
async function tableOf(panel: string): Promise<string[][]> {
  const box = onPage(`.dash-panel--${panel}`);
  await box.locator('.dash-panel__toggle').click();
  await box.locator('.dash-table').waitFor();
  return box
    .locator('.dash-table__row')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('.dash-table__cell')).map((cell) => cell.textContent?.trim() ?? ''),
      ),
    );
}

/** Waits until `read` gives `expected` (charts draw a tick after their panel appears). */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<void> {
  const deadline = Date.now() + 10000;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  expect(last).toBe(expected);
}

/** Whether a canvas has anything drawn on it (a blank bitmap is transparent everywhere). */
async function drawnCanvases(): Promise<number> {
  return onPage('canvas.dash-chart__canvas').evaluateAll(
    (canvases) =>
      (canvases as HTMLCanvasElement[]).filter((canvas) => {
        const context = canvas.getContext('2d');
        if (!context || !canvas.width || !canvas.height) return false;
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let alpha = 3; alpha < pixels.length; alpha += 4) if (pixels[alpha] !== 0) return true;
        return false;
      }).length,
  );
}

test('at a desk, staff see the whole dashboard drawn on canvases, and each table holds the API numbers', async () => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await signIn(page, '工作人员', '周会服');
  await open(page, WORKBENCH);
  await onPage('.dash--full .dash-number').first().waitFor();
  const data = await fromApi();

  const panels = await onPage('.dash-panel').count();
  expect(panels).toBeGreaterThanOrEqual(6);
  // Each panel with something to draw has its canvas with pixels on it; the others say they are empty.
  const empty = await onPage('.dash-panel', '所选期间暂无数据').count();
  expect(await onPage('canvas.dash-chart__canvas').count()).toBe(panels - empty);
  await eventually(drawnCanvases, panels - empty);
  expect(panels - empty).toBeGreaterThan(0);
  await screenshot(page, 'workbench-dashboard-1366x800');

  // The development seed's units: by level and status, every level a row.
  const active = data.units.byLevelStatus
    .filter((row) => row.status === 'active')
    .reduce((sum, row) => sum + row.count, 0);
  await expect(onPage('.dash-number--active .dash-number__value').textContent()).resolves.toBe(
    String(active),
  );

  expect(await tableOf('units-month')).toEqual([
    ['月份', '加入', '除名'],
    ...data.units.byMonth.map((row) => [row.month, String(row.joined), String(row.left)]),
  ]);
  // Group entry and dues: a table when the range has any, else the panel says it is empty.
  const groups = [data.groups.codesShown, data.groups.todos.open, data.groups.todos.done];
  if (groups.some(Boolean))
    expect(await tableOf('groups')).toEqual([
      ['项目', '数量'],
      ['看过入群码的人数', String(groups[0])],
      ['入群待办（未处理）', String(groups[1])],
      ['入群待办（期间已处理）', String(groups[2])],
    ]);
  else expect(await onPage('.dash-panel--groups').textContent()).toContain('所选期间暂无数据');
  if (data.dues.collectedFen || data.dues.outstandingFen)
    expect(await tableOf('dues')).toEqual([
      ['项目', '金额（元）'],
      ['期间已收', (data.dues.collectedFen / 100).toFixed(2)],
      ['当前未收', (data.dues.outstandingFen / 100).toFixed(2)],
    ]);
  else expect(await onPage('.dash-panel--dues').textContent()).toContain('所选期间暂无数据');
  await onPage('.dash-panel--units-month .dash-panel__toggle').click();

  // The page does not run off to the side at a desk.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a table downloads as CSV with the same numbers', async () => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await open(page, WORKBENCH);
  await onPage('.dash-panel--units-month').waitFor();
  const data = await fromApi();
  await onPage('.dash-panel--units-month .dash-panel__toggle').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    onPage('.dash-panel--units-month .dash-panel__tool', '下载 CSV').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^单位加入与除名（按月）-\d{8}\.csv$/);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString('utf8')).toBe(
    `\uFEFF月份,加入,除名\r\n${data.units.byMonth.map((row) => `${row.month},${row.joined},${row.left}\r\n`).join('')}`,
  );
});

test('on a phone the workbench opens with the compact dashboard, and 查看全部 shows the rest', async () => {
  await open(page, WORKBENCH);
  await onPage('.dash--compact .dash-number').first().waitFor();
  expect(await onPage('.dash--compact .dash-panel').count()).toBe(1);
  await eventually(drawnCanvases, 1);
  await screenshot(page, 'workbench-dashboard-375x812');
  await onPage('.dash__more').click();
  await waitForPage(page, '/packages/staff/pages/dashboard/index');
  await onPage('.dash--full .dash-panel').first().waitFor();
  expect(await onPage('.dash--full .dash-panel').count()).toBeGreaterThanOrEqual(6);
});

test('a member sees no dashboard on the workbench, and the API refuses them', async () => {
  await page.setViewportSize({ width: 1366, height: 800 });
  // Cleared where the app does not run, so none of its requests goes out without a token meanwhile.
  await page.goto(`${harness.baseUrl}/api/health`);
  await page.evaluate(() => localStorage.clear());
  await signIn(page, '会员联系人', '孙联络');
  await open(page, WORKBENCH);
  await onPage('.staff-only__title').waitFor();
  expect(await onPage('.dash').count()).toBe(0);
  const member = await loginAs(harness.baseUrl, 'member_contact');
  expect((await api(harness.baseUrl, member, 'GET', '/api/dashboard')).status).toBe(403);
});
