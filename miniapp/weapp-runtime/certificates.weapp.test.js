/* global describe, test, expect, beforeAll, afterAll, afterEach -- jest's */
// 电子会员证书 in WeChat's runtime against the real server: staff open this year's bills and record
// the demo unit's transfer through the API; its contact sees the certificate on 我的单位, saves the
// picture to the album and opens the PDF in WeChat's viewer. The verification page is opened as
// WeChat opens it from a scanned https QR code: `?q=` holding the encoded address.
const { Weapp, compileBuild } = require('./harness');
const { compilersUnavailable } = require('./harness/compile');
const { startServer } = require('./harness/server');
const { call, loginAs } = require('./harness/seed');

const unavailable = compilersUnavailable();
if (unavailable && process.env.CI === 'true')
  throw new Error(`weapp runtime suite cannot run: ${unavailable}`);
const suite = unavailable ? describe.skip : describe;

const VERIFY_PAGE = 'packages/certificates/pages/verify/index';
const MY_UNIT_PAGE = 'packages/unit/pages/index/index';

/** The bills' year as the association counts it (Beijing). */
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

/** @type {import('./harness/server').TestServer} */
let server;
/** @type {Weapp | null} */
let app = null;
let unit;
let certificate;

async function launch(persona, path) {
  app = await Weapp.launch({ origin: server.origin, persona, path });
  return app;
}

suite('电子会员证书 in WeChat’s runtime', () => {
  beforeAll(async () => {
    compileBuild();
    server = await startServer();
    const staff = await loginAs(server.origin, 'staff');
    await call(server.origin, staff, 'POST', `/api/dues/years/${YEAR}/bills`, {});
    const member = await loginAs(server.origin, 'primary_contact');
    unit = (await call(server.origin, member, 'GET', '/api/me')).unit;
    const { items } = await call(server.origin, member, 'GET', `/api/units/${unit.id}/bills`);
    const bill = items.find((item) => item.year === YEAR);
    await call(server.origin, staff, 'POST', `/api/dues/bills/${bill.id}/payments`, {
      amountFen: bill.amountFen - bill.paidFen,
      paidOn: `${YEAR}-03-01`,
      bankReference: `WEAPP${Date.now()}`,
      payerName: unit.name,
    });
    certificate = await call(server.origin, member, 'GET', `/api/units/${unit.id}/certificate`);
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

  test('opened from the scanned QR (?q= the encoded https address): 有效, the unit and its certificate', async () => {
    expect(certificate.verifyUrl).toMatch(/\/verify\?code=[A-Z2-7]{20}$/);
    await launch(
      'visitor',
      `${VERIFY_PAGE}?q=${encodeURIComponent(certificate.verifyUrl)}&scancode_time=1767225600`,
    );
    await app.waitForText(certificate.number);
    const text = app.text();
    for (const words of ['有效', unit.name, `${YEAR}-12-31`, '核验结果'])
      expect(text).toContain(words.replace(/\s/g, ''));
    expect(text).not.toContain('无效');
    // Whoever checks a member may look the association's members up.
    await app.tap({ selector: '.verify-more' });
    expect(app.callsTo('navigateTo')).toEqual([
      expect.objectContaining({ url: '/packages/directory/pages/index/index' }),
    ]);
  });

  test('a scanned address whose code names no certificate: 证书编号无效', async () => {
    const madeUp = certificate.verifyUrl.replace(/code=.*$/, 'code=AAAAAAAAAAAAAAAAAAAA');
    await launch('visitor', `${VERIFY_PAGE}?q=${encodeURIComponent(madeUp)}`);
    await app.waitForText('证书编号无效');
    expect(app.text()).not.toContain(unit.name);
  });

  test('我的单位 shows the certificate; 保存到相册 saves the downloaded picture; 下载 PDF opens it', async () => {
    await launch('primary_contact', `${MY_UNIT_PAGE}?id=${unit.id}`);
    await app.waitForText(certificate.number);
    await app.tap('保存到相册');
    expect(app.callsTo('saveImageToPhotosAlbum')).toHaveLength(1);
    expect(app.callsTo('showToast')).toEqual([expect.objectContaining({ title: '已保存到相册' })]);
    const downloads = app.callsTo('downloadFile').map((options) => new URL(options.url).pathname);
    expect(downloads).toContain(`/api/units/${unit.id}/certificate.png`);
    await app.tap('下载 PDF');
    expect(app.callsTo('openDocument')).toEqual([expect.objectContaining({ fileType: 'pdf' })]);
  });

  test('the album refused before: 保存到相册 explains in Chinese and offers the settings', async () => {
    await launch('primary_contact', `${MY_UNIT_PAGE}?id=${unit.id}`);
    app.answers.authSetting = { 'scope.writePhotosAlbum': false };
    await app.waitForText(certificate.number);
    // 去设置, and the person comes back without allowing it: nothing is saved.
    await app.tap('保存到相册');
    expect(app.callsTo('showModal')).toEqual([
      expect.objectContaining({ title: '需要保存到相册的权限', confirmText: '去设置' }),
    ]);
    expect(app.callsTo('openSetting')).toHaveLength(1);
    expect(app.callsTo('saveImageToPhotosAlbum')).toHaveLength(0);
  });
});
