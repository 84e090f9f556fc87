/* global describe, test, expect, beforeAll, afterAll, afterEach -- jest's */
// Staff's dues pages in WeChat's runtime against the real server, in order on one server: a bank
// statement credits the demo unit's bill by its remittance code (and a second upload credits
// nothing), then the overview opens the year's bills again (nothing new), the list opens the bill
// and a transfer is recorded by hand until it is paid.
const { STATEMENT_COLUMNS } = require('@itss/shared');
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

/** The server's year, the one the overview opens on (Beijing time). */
const YEAR = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

async function launch(path) {
  app = await Weapp.launch({ origin: server.origin, persona: 'staff', path });
  return app;
}

const asStaff = (method, path, data) => call(server.origin, staffToken, method, path, data);

/** The seeded demo unit's bill of this year. */
async function demoBill() {
  const { items } = await asStaff(
    'GET',
    `/api/dues/bills?year=${YEAR}&q=${encodeURIComponent('示例会员单位')}`,
  );
  expect(items).toHaveLength(1);
  return items[0];
}

/** A statement in the template's columns: one line paying 100.00 元 with the code in the memo, one without. */
function statementCsv(code) {
  return Buffer.from(
    [
      STATEMENT_COLUMNS.join(','),
      `${YEAR}-02-10,100.00,示例会员单位,会费 ${code},WXRT${YEAR}0001`,
      `${YEAR}-02-11,50.00,某某贸易有限公司,货款,WXRT${YEAR}0002`,
    ].join('\n'),
  );
}

suite('staff’s dues pages in WeChat’s runtime', () => {
  beforeAll(async () => {
    compileBuild();
    server = await startServer();
    staffToken = await loginAs(server.origin, 'staff');
    await asStaff('POST', `/api/dues/years/${YEAR}/bills`, {});
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

  test('银行流水: a .csv from a chat is matched by the remittance code, confirmed, and a second upload credits nothing', async () => {
    const bill = await demoBill();
    await launch('packages/dues/staff/statement/index');
    await app.waitForText('下载流水模板');
    app.answers.files.push({ name: '流水.csv', bytes: statementCsv(bill.remittanceCode) });
    await app.tap('选择银行流水文件');
    await app.waitForText('确认入账1笔（100.00元）');
    expect(app.callsTo('chooseMessageFile')).toEqual([
      expect.objectContaining({ extension: ['xlsx', 'csv'] }),
    ]);
    expect(app.text()).toContain('某某贸易有限公司');
    await app.tap('确认入账1笔（100.00元）');
    await app.waitForText('已入账1笔');
    expect((await demoBill()).paidFen).toBe(bill.paidFen + 10000);

    app.answers.files.push({ name: '流水.csv', bytes: statementCsv(bill.remittanceCode) });
    await app.tap('上传其他流水');
    // The same lines again: the credited one is refused by its bank reference, nothing to confirm.
    await app.waitForText('流水号已入账');
    expect(app.queryAll('.statement-confirm')).toHaveLength(0);
    expect((await demoBill()).paidFen).toBe(bill.paidFen + 10000);
  });

  test('会费管理: the chart shows the year; 生成 again opens nothing new; the list opens the bill, where a transfer is recorded', async () => {
    await launch('packages/dues/staff/index/index');
    await app.waitForText('会费事务');
    await app.waitForText('已收');
    await app.tap({ selector: '.dues-open__submit' });
    await app.waitForText('已生成0份账单');
    expect(app.callsTo('showModal')).toEqual([expect.objectContaining({ title: `生成 ${YEAR} 年度账单` })]);

    await app.tap(`${YEAR} 年度账单`);
    await app.waitForRoute('packages/dues/staff/bills/index');
    await app.waitForText('示例会员单位');
    await app.tap({ selector: '.bill-row', hasText: '示例会员单位' });
    await app.waitForRoute('packages/dues/staff/bill/index');
    await app.waitForText('汇款识别码');
    // The amount is prefilled with what is still owed.
    await app.input('.dues-payment-form__reference', `WXRT${YEAR}0009`);
    await app.tap({ selector: '.dues-payment-form__submit' });
    await app.waitForText('已缴清');
    expect(app.callsTo('showToast')).toContainEqual(expect.objectContaining({ title: '已登记到账' }));
    const bill = await demoBill();
    expect(bill.status).toBe('paid');
    expect(bill.paidFen).toBe(bill.amountFen);
  });
});
