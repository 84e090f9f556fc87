/* global describe, test, expect, beforeAll, afterAll, afterEach -- jest's */
// 会费 in WeChat's runtime against the real server: staff open this year's bills through the API, and
// the demo unit's contact sees its bill with the remittance code and the association's account,
// copies the code, and reaches the page from 我的 and from 我的单位. WeChat Pay is not played here:
// the harness's wx has no requestPayment (the component specs and the H5 suite cover the payment).
const { BILL_STATUS_NAMES, formatFen } = require('@itss/shared');
const { Weapp, compileBuild } = require('./harness');
const { compilersUnavailable } = require('./harness/compile');
const { startServer } = require('./harness/server');
const { call, loginAs } = require('./harness/seed');

const unavailable = compilersUnavailable();
if (unavailable && process.env.CI === 'true')
  throw new Error(`weapp runtime suite cannot run: ${unavailable}`);
const suite = unavailable ? describe.skip : describe;

const DUES_PAGE = 'packages/dues/pages/index/index';

/** The bills' year as the association counts it (Beijing). */
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

/** @type {import('./harness/server').TestServer} */
let server;
/** @type {Weapp | null} */
let app = null;
let unitId;
let bill;

async function launch(persona, path) {
  app = await Weapp.launch({ origin: server.origin, persona, path });
  return app;
}

suite('会费 in WeChat’s runtime', () => {
  beforeAll(async () => {
    compileBuild();
    server = await startServer();
    const staff = await loginAs(server.origin, 'staff');
    await call(server.origin, staff, 'POST', `/api/dues/years/${YEAR}/bills`, {});
    const member = await loginAs(server.origin, 'member_contact');
    unitId = (await call(server.origin, member, 'GET', '/api/me')).unit.id;
    const { items } = await call(server.origin, member, 'GET', `/api/units/${unitId}/bills`);
    bill = items.find((item) => item.year === YEAR);
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

  test('the contact sees this year’s bill and its remittance code, and copies the code', async () => {
    expect(bill).toBeDefined();
    await launch('member_contact', DUES_PAGE);
    await app.waitForText(bill.remittanceCode);
    const text = app.text();
    for (const words of [
      `${YEAR}年度会费`,
      formatFen(bill.amountFen),
      bill.dueDate,
      BILL_STATUS_NAMES[bill.status],
    ])
      expect(text).toContain(words.replace(/\s/g, ''));
    expect(text).toContain('附言');
    await app.tap({ selector: '.dues-code__copy' });
    expect(app.callsTo('setClipboardData')).toEqual([expect.objectContaining({ data: bill.remittanceCode })]);
    expect(app.callsTo('showToast')).toEqual([expect.objectContaining({ title: '已复制' })]);
  });

  test('我的 → 会费, and 我的单位’s bills lead to the same page for the unit', async () => {
    await launch('member_contact', 'pages/me/index');
    await app.waitForText('会费');
    await app.tap({ selector: '.me-help__row--dues' });
    await app.waitForRoute(DUES_PAGE);
    await app.waitForText(bill.remittanceCode);
    expect(app.problems).toEqual([]);
    app.close();

    await launch('member_contact', `packages/unit/pages/index/index?id=${unitId}`);
    await app.waitForText(`${YEAR} 年度会费`);
    await app.tap({ selector: '.section__more', hasText: '缴费与票据' });
    expect(app.callsTo('navigateTo')).toEqual([
      expect.objectContaining({ url: `/${DUES_PAGE}?unitId=${unitId}` }),
    ]);
    await app.waitForRoute(DUES_PAGE);
    await app.waitForText(bill.remittanceCode);
  });

  test('a visitor is told who the page is for and led to 会员名录', async () => {
    await launch('visitor', DUES_PAGE);
    await app.waitForText('会费仅限会员单位联系人查看');
    await app.tap('会员名录');
    await app.waitForRoute('packages/directory/pages/index/index');
  });
});
