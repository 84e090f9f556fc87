/* global describe, test, expect, beforeAll, afterAll, afterEach -- jest's */
// The dashboard on 工作台 in WeChat's runtime against the real server: the compact view a phone shows
// (its numbers the API's, its chart's canvas mounted and asked for), the table of the same numbers
// and its CSV on the clipboard, and 查看全部 to 数据看板 with every chart.
const { Weapp, compileBuild } = require('./harness');
const { compilersUnavailable } = require('./harness/compile');
const { startServer } = require('./harness/server');
const { call, loginAs } = require('./harness/seed');

const unavailable = compilersUnavailable();
if (unavailable && process.env.CI === 'true')
  throw new Error(`weapp runtime suite cannot run: ${unavailable}`);
const suite = unavailable ? describe.skip : describe;

/** @type {import('./harness/server').TestServer} */
let server;
/** @type {Weapp | null} */
let app = null;
let staffToken;

suite('the dashboard in WeChat’s runtime', () => {
  beforeAll(async () => {
    compileBuild();
    server = await startServer();
    staffToken = await loginAs(server.origin, 'staff');
  }, 60000);

  afterAll(async () => {
    await server?.close();
  });

  afterEach(() => {
    const problems = app?.problems ?? [];
    app?.close();
    app = null;
    expect(problems).toEqual([]);
  });

  test('工作台 as staff: the compact dashboard with the API’s numbers, its chart, its table, and 查看全部', async () => {
    const data = await call(server.origin, staffToken, 'GET', '/api/dashboard');
    app = await Weapp.launch({
      origin: server.origin,
      persona: 'staff',
      path: 'packages/staff/pages/index/index',
    });
    await app.waitForText('数据概览');
    await app.waitForText('在册单位');
    const active = data.units.byLevelStatus
      .filter((row) => row.status === 'active')
      .reduce((sum, row) => sum + row.count, 0);
    expect(app.find('.dash-number--active .dash-number__value').textContent.trim()).toBe(String(active));
    expect(app.text()).toContain(`${data.applications.totals.pending}待审申请`);

    // The chart's 2D canvas is on the page and was looked up to draw on (the harness has no canvas).
    // (The runtime's page carries the canvas's class, not its id, which Taro keeps in its own data.)
    expect(app.queryAll('.dash-chart__canvas')).toHaveLength(1);
    expect(app.callsTo('createSelectorQuery').length).toBeGreaterThan(0);

    await app.tap('表格');
    await app.waitForText('月份加入除名');
    const rows = app
      .queryAll('.dash-table__row')
      .map((row) => [...row.querySelectorAll('.dash-table__cell')].map((cell) => cell.textContent.trim()));
    expect(rows).toEqual([
      ['月份', '加入', '除名'],
      ...data.units.byMonth.map((row) => [row.month, String(row.joined), String(row.left)]),
    ]);
    expect(app.queryAll('#dash-chart-units-month')).toHaveLength(0);
    await app.tap('复制');
    await app.idle();
    expect(app.clipboard).toBe(
      `\uFEFF月份,加入,除名\r\n${data.units.byMonth.map((row) => `${row.month},${row.joined},${row.left}\r\n`).join('')}`,
    );

    await app.tap('查看全部 ›');
    await app.waitForRoute('packages/staff/pages/dashboard/index');
    await app.waitForText('会费已收与未收（元）');
    expect(app.text()).toContain('统计期间');
    expect(app.queryAll('.dash-panel').length).toBeGreaterThanOrEqual(6);
  });
});
