/* global describe, test, expect, beforeAll, afterAll, afterEach -- jest's */
// Signing in to the browser's 工作台 by scanning, played in WeChat's runtime against the real server:
// a desktop (the test, over HTTP) asks for a ticket; the code opens the confirmation page with the
// ticket as its scene; staff confirm and the desktop's poll receives its session; a visitor is
// refused; 我的 → 登录设备 ends the desktop's session.
const { DESKTOP_LOGIN_PAGE } = require('@itss/shared');
const { Weapp, compileBuild } = require('./harness');
const { compilersUnavailable } = require('./harness/compile');
const { httpRequest } = require('./harness/http');
const { startServer } = require('./harness/server');
const { call } = require('./harness/seed');

const unavailable = compilersUnavailable();
if (unavailable && process.env.CI === 'true')
  throw new Error(`weapp runtime suite cannot run: ${unavailable}`);
const suite = unavailable ? describe.skip : describe;

const SESSIONS_PAGE = 'packages/account/pages/sessions/index';

/** @type {import('./harness/server').TestServer} */
let server;
/** @type {Weapp | null} */
let app = null;

/** A desktop browser asking for a code, as the sign-in page does. */
function newTicket() {
  return call(server.origin, null, 'POST', '/api/desktop-logins', undefined, {
    'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36',
  });
}

function poll({ ticket, pollToken }) {
  return call(server.origin, null, 'GET', `/api/desktop-logins/${ticket}`, undefined, {
    'x-poll-token': pollToken,
  });
}

async function meStatus(token) {
  const response = await httpRequest({
    url: `${server.origin}/api/me`,
    headers: { authorization: `Bearer ${token}` },
  });
  return response.status;
}

/** The page a code opens: WeChat hands its scene over URL-encoded. */
async function openCode(persona, scene) {
  app = await Weapp.launch({
    origin: server.origin,
    persona,
    path: `${DESKTOP_LOGIN_PAGE}?scene=${encodeURIComponent(encodeURIComponent(scene))}`,
  });
  return app;
}

suite('工作台 sign-in by scanning, in WeChat’s runtime', () => {
  /** The desktop's session from the first test, ended from 我的 in the last. */
  let desktopToken = null;

  beforeAll(async () => {
    compileBuild();
    server = await startServer();
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

  test('staff open the code’s page, see which browser asks, confirm, and the desktop receives its session', async () => {
    const code = await newTicket();
    await openCode('staff', code.ticket);
    await app.waitForText('在电脑上登录工作台？');
    expect(app.text()).toContain('Chrome');
    expect(await poll(code)).toEqual(expect.objectContaining({ state: 'scanned' }));

    await app.tap('确认登录');
    await app.waitForText('已在电脑上登录工作台');
    const answer = await poll(code);
    expect(answer).toEqual(expect.objectContaining({ state: 'confirmed', token: expect.any(String) }));
    desktopToken = answer.token;
    expect(await meStatus(desktopToken)).toBe(200);
    // The ticket is no campaign: nothing was recorded as a scan.
    expect(app.requests.map((request) => request.url)).not.toContainEqual(
      expect.stringContaining('/api/campaigns/scans'),
    );

    await app.tap('返回首页');
    await app.waitForRoute('pages/index/index');
  });

  test('a visitor’s scan is refused with the reason, and the desktop stays signed out', async () => {
    const code = await newTicket();
    await openCode('visitor', code.ticket);
    await app.waitForText('仅工作人员可以登录电脑端工作台');
    expect(app.text()).not.toContain('确认登录');
    expect(await poll(code)).toEqual({ state: 'pending', expiresAt: code.expiresAt });
  });

  test('取消 ends the ticket: the desktop is told to show a new code', async () => {
    const code = await newTicket();
    await openCode('staff', code.ticket);
    await app.waitForText('在电脑上登录工作台？');
    await app.tap('取消');
    await app.waitForText('已取消登录');
    expect(await poll(code)).toEqual({ state: 'expired' });
  });

  test('a forged scene is refused on the page, without asking the server', async () => {
    await openCode('staff', '../../api/me');
    await app.waitForText('登录二维码无效，请在电脑上刷新后重新扫码');
    expect(app.requests.map((request) => request.url)).not.toContainEqual(
      expect.stringContaining('/api/desktop-logins'),
    );
  });

  test('我的 → 登录设备 lists the computer and 退出登录 ends its session', async () => {
    expect(desktopToken).not.toBeNull();
    app = await Weapp.launch({ origin: server.origin, persona: 'staff', path: 'pages/me/index' });
    await app.waitForText('登录设备');
    await app.tap({ selector: '.me-help__row--sessions' });
    await app.waitForRoute(SESSIONS_PAGE);
    await app.waitForText('电脑端工作台');
    expect(app.text()).toContain('本机');
    await app.tap({ selector: '.device__revoke' });
    await app.idle();
    expect(app.callsTo('showModal')).toEqual([expect.objectContaining({ title: '退出电脑端登录' })]);
    expect(app.callsTo('showToast')).toEqual([expect.objectContaining({ title: '已退出登录' })]);
    // Listed again without it: only this phone remains.
    expect(app.text()).not.toContain('电脑端工作台');
    expect(await meStatus(desktopToken)).toBe(401);
  });
});
