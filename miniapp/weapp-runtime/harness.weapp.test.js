/* global describe, test, expect, beforeAll, afterAll, afterEach -- jest's */
// The harness itself: each fault it claims to catch (README.md) is planted in a copy of the
// production build, or in its running logic layer, and must be reported.
const { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const { BUILD_DIR, Weapp } = require('./harness');
const { compileStyles, compileTemplates, compilersUnavailable } = require('./harness/compile');

// Nothing listens there: the app's requests fail fast, which these tests do not look at.
const NO_SERVER = 'http://127.0.0.1:9';

const unavailable = compilersUnavailable();
if (unavailable && process.env.CI === 'true')
  throw new Error(`weapp runtime suite cannot run: ${unavailable}`);
const suite = unavailable ? describe.skip : describe;

/** @type {string} */
let scratch;
/** @type {Weapp | null} */
let app = null;

/** A fresh copy of the build to break. */
function copyOfBuild() {
  const root = mkdtempSync(path.join(scratch, 'build-'));
  cpSync(BUILD_DIR, root, { recursive: true });
  return root;
}

suite('the weapp harness reports', () => {
  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'itss-weapp-faults-'));
  });

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  afterEach(() => {
    app?.close();
    app = null;
  });

  test('a style WeChat refuses: a * selector in a page', () => {
    const root = copyOfBuild();
    appendFileSync(path.join(root, 'pages/contact/index.wxss'), '\n*{box-sizing:border-box}\n');
    expect(() => compileStyles(root)).toThrow(
      /wcsc refused the build[\s\S]*pages\/contact\/index\.wxss.*unexpected token `\*`/,
    );
  });

  test('a style that loads a local image with url()', () => {
    const root = copyOfBuild();
    appendFileSync(
      path.join(root, 'pages/index/index.wxss'),
      '\n.home{background:url(assets/tabbar/home.png)}\n',
    );
    expect(() => compileStyles(root)).toThrow(
      /a style loads a local file with url\(\).*pages\/index\/index\.wxss/,
    );
  });

  test('a template wcc cannot compile', () => {
    const root = copyOfBuild();
    appendFileSync(path.join(root, 'pages/contact/index.wxml'), '\n<view>{{oops</view>\n');
    expect(() => compileTemplates(root)).toThrow(/wcc refused the build[\s\S]*pages\/contact\/index\.wxml/);
  });

  test('a browser global: the logic layer has none, so a page reading localStorage crashes on load', async () => {
    app = await Weapp.launch({ origin: NO_SERVER, persona: 'visitor' });
    const globals = vm.runInContext(
      '[typeof window, typeof document, typeof localStorage, typeof fetch, typeof XMLHttpRequest, typeof navigator].join()',
      app.logic.context,
    );
    expect(globals).toBe('undefined,undefined,undefined,undefined,undefined,undefined');
    app.close();

    const root = copyOfBuild();
    const file = path.join(root, 'pages/contact/index.js');
    writeFileSync(file, `localStorage.getItem('itss');\n${readFileSync(file, 'utf8')}`);
    await expect(
      Weapp.launch({ origin: NO_SERVER, persona: 'visitor', path: 'pages/contact/index', root }),
    ).rejects.toThrow(/loading pages\/contact\/index\.js failed: TypeError: .*getItem/);
  });

  test('a browser-only member of Taro’s document or window (document.title, window.innerWidth)', async () => {
    app = await Weapp.launch({ origin: NO_SERVER, persona: 'visitor' });
    expect(app.problems).toEqual([]);
    expect(app.taroDocument.title).toBeUndefined();
    expect(app.taroWindow.innerWidth).toBeUndefined();
    app.taroDocument.title = '联系我们';
    expect(app.problems).toEqual([
      expect.stringMatching(/^document\.title was read in the logic layer/),
      expect.stringMatching(/^window\.innerWidth was read in the logic layer/),
      expect.stringMatching(/^document\.title was set in the logic layer/),
    ]);
  });

  test('a chunk missing from a subpackage: the page that needs it does not load', async () => {
    const root = copyOfBuild();
    rmSync(path.join(root, 'packages/staff/pages/sub-vendors.js'));
    await expect(
      Weapp.launch({ origin: NO_SERVER, persona: 'staff', path: 'packages/staff/pages/index/index', root }),
    ).rejects.toThrow(/module "packages\/staff\/pages\/sub-vendors\.js" is not defined/);

    // A page whose chunk list names a chunk nobody provides never calls Page().
    const other = copyOfBuild();
    const page = path.join(other, 'packages/staff/pages/audit/index.js');
    writeFileSync(page, readFileSync(page, 'utf8').replace(/\b(\w)\.O\(0,\[/, '$1.O(0,[424242,'));
    await expect(
      Weapp.launch({
        origin: NO_SERVER,
        persona: 'staff',
        path: 'packages/staff/pages/audit/index',
        root: other,
      }),
    ).rejects.toThrow(/never called Page\(\): a chunk it waits for is missing/);
  });

  test('a wx API the harness lacks, or one WeChat does not have', async () => {
    app = await Weapp.launch({ origin: NO_SERVER, persona: 'visitor' });
    vm.runInContext('wx.chooseLocation({}); wx.getLocationSync;', app.logic.context);
    await app.idle();
    expect(app.problems).toEqual([
      expect.stringMatching(/^wx\.chooseLocation was called, but the weapp harness does not provide it/),
      expect.stringMatching(/^wx\.getLocationSync was read, but WeChat's wx has no such API/),
    ]);
    expect(app.callsTo('chooseLocation')).toEqual([{}]);
  });

  // An unhandled rejection in the logic layer fails the test too, through jest's own handler (the
  // harness cannot see it: jest keeps the process's events to itself).
  test('an exception in a logic-layer callback', async () => {
    app = await Weapp.launch({ origin: NO_SERVER, persona: 'visitor' });
    vm.runInContext("setTimeout(function () { throw new Error('boom in a timer'); });", app.logic.context);
    await app.idle();
    expect(app.problems).toEqual([
      expect.stringMatching(/^setTimeout callback threw: Error: boom in a timer/),
    ]);
  });

  test('setData that cannot cross the bridge as JSON', async () => {
    app = await Weapp.launch({ origin: NO_SERVER, persona: 'visitor' });
    const cyclic = vm.runInContext('var a = {}; a.self = a; a', app.logic.context);
    expect(() => app.page.instance.setData({ cyclic })).toThrow();
    expect(app.problems).toEqual([expect.stringMatching(/setData payload is not JSON/)]);
  });
});
