/* global describe, test, expect, beforeAll, afterAll, afterEach -- jest's */
// 会员级别 in WeChat's runtime against the real server. The development seed has the demo unit (a
// 委员单位) ask to move up to 副会长单位; its primary contact finds the request from 我的单位's 会员资格,
// withdraws it, and asks again with a reason of their own.
const { Weapp, compileBuild } = require('./harness');
const { compilersUnavailable } = require('./harness/compile');
const { startServer } = require('./harness/server');
const { call, loginAs } = require('./harness/seed');

const unavailable = compilersUnavailable();
if (unavailable && process.env.CI === 'true')
  throw new Error(`weapp runtime suite cannot run: ${unavailable}`);
const suite = unavailable ? describe.skip : describe;

const UPGRADE_PAGE = 'packages/standing/pages/upgrade/index';

/** @type {import('./harness/server').TestServer} */
let server;
/** @type {Weapp | null} */
let app = null;
let unitId;

async function launch(persona, path) {
  app = await Weapp.launch({ origin: server.origin, persona, path });
  return app;
}

suite('会员级别 in WeChat’s runtime', () => {
  beforeAll(async () => {
    compileBuild();
    server = await startServer();
    const primary = await loginAs(server.origin, 'primary_contact');
    unitId = (await call(server.origin, primary, 'GET', '/api/me')).unit.id;
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

  test('我的单位’s 会员资格 shows the open request and opens it', async () => {
    await launch('primary_contact', `packages/unit/pages/index/index?id=${unitId}`);
    await app.waitForText('升级为副会长单位·待审核');
    await app.tap({ selector: '.standing-card__upgrade', hasText: '查看级别申请' });
    expect(app.callsTo('navigateTo')).toEqual([
      expect.objectContaining({ url: `/${UPGRADE_PAGE}?unitId=${unitId}` }),
    ]);
    await app.waitForRoute(UPGRADE_PAGE);
    await app.waitForText('待审核的申请');
    expect(app.text()).toContain('升级：委员单位→副会长单位');
  });

  test('the primary contact withdraws the request, then asks again with a reason', async () => {
    await launch('primary_contact', `${UPGRADE_PAGE}?unitId=${unitId}`);
    await app.waitForText('撤回申请');
    await app.tap({ selector: '.upgrade-open__withdraw' });
    expect(app.callsTo('showModal')).toEqual([expect.objectContaining({ title: '撤回申请' })]);
    await app.waitForText('申请升级为副会长单位');
    expect(app.text()).toContain('已撤回');
    // The comparison of 会员权益: the next level's card beside the current one.
    expect(app.text()).toContain('副会长单位');

    await app.input('.upgrade-form__reason', '已承担多项标准研制工作，希望参与分会重大事项决策');
    await app.tap({ selector: '.upgrade-form__submit' });
    await app.waitForText('待审核的申请');
    const sent = app.requests.filter((request) => request.method === 'POST');
    expect(sent.map((request) => request.url.replace(/^https?:\/\/[^/]+/, ''))).toEqual(
      expect.arrayContaining([`/api/units/${unitId}/level-requests`]),
    );
    const { items } = await call(
      server.origin,
      await loginAs(server.origin, 'primary_contact'),
      'GET',
      `/api/units/${unitId}/level-requests`,
    );
    expect(items.map((item) => item.state)).toEqual(['open', 'withdrawn']);
    expect(items[0].reason).toBe('已承担多项标准研制工作，希望参与分会重大事项决策');
  });
});
