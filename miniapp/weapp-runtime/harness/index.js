// Runs the production weapp build the way WeChat does, from WeChat's own pieces: templates and wxs
// compiled by wcc and styles by wcsc (compile.js), app.js and each page's code in a logic layer
// without browser globals (logic.js), each Page() rendered as an exparser component (view.js), data
// and events crossing between the two as JSON, and a `wx` that talks to the real server (wx.js).
// Tests drive it like a person: open pages, tap, type, pull down, and read what is shown.
/* global document -- the test environment's jsdom, which plays WeChat's WebView */
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { compileStyles, compileTemplates } = require('./compile');
const { loginCode, phoneCode } = require('./seed');
const { LogicLayer, describeError } = require('./logic');
const { ViewLayer } = require('./view');
const { Router } = require('./router');
const { createWx } = require('./wx');

const BUILD_DIR = path.resolve(__dirname, '..', '..', 'dist', 'weapp');
/** The API origin the build was made with (config/index.ts reads the same variable). */
const BUILD_API_BASE = process.env.TARO_APP_API_BASE ?? 'http://localhost:3000';
/** WeChat refuses a setData payload over 1 MB. */
const SET_DATA_LIMIT = 1024 * 1024;

/** Names generic code probes on any object (await, JSON.stringify, jest's printer): not browser APIs. */
const DOM_PROBES = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof']);

let compiled = null;
let launches = 0;
/** wcc and wcsc run once per process: the build does not change during a test run. */
function compileBuild(root = BUILD_DIR) {
  if (compiled && compiled.root === root) return compiled;
  if (!existsSync(path.join(root, 'app.json'))) {
    throw new Error(`no weapp build at ${root}: run \`node scripts/build.mjs --weapp\` first`);
  }
  const templates = compileTemplates(root);
  const styles = compileStyles(root);
  compiled = {
    root,
    source: templates.source,
    templates: templates.templates,
    scripts: templates.scripts,
    styles: styles.styles,
  };
  return compiled;
}

const compact = (text) => text.replace(/\s+/g, '');

function splitDataPath(key) {
  /** @type {(string | number)[]} */
  const parts = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]/g;
  let match;
  while ((match = pattern.exec(key))) parts.push(match[1] !== undefined ? match[1] : Number(match[2]));
  return parts;
}

/**
 * Applies a path-style setData key ('root.cn[0].v') to the logic layer's copy of the data.
 * @param {(json: string) => object} parse makes the missing objects in the logic realm
 */
function applyDataPath(data, key, value, parse) {
  const parts = splitDataPath(key);
  let node = data;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    if (node[part] === null || typeof node[part] !== 'object')
      node[part] = parse(typeof parts[i + 1] === 'number' ? '[]' : '{}');
    node = node[part];
  }
  node[parts[parts.length - 1]] = value;
}

class Weapp {
  /**
   * Starts the mini-program as a person opening it in WeChat: app.js, onLaunch/onShow, the first
   * page (or `path`). `persona` is the WeChat user holding the phone (a stand-in persona key).
   * @param {object} options
   * @param {string} options.origin the test server (its WeChat stand-in answers wx.login)
   * @param {string} options.persona e.g. 'visitor', 'staff'
   * @param {string} [options.path] the page to open first, e.g. 'pages/me/index', with its query as
   *   a code opens it ('packages/join/pages/apply/index?scene=booth%2F1')
   * @param {Map<string, string>} [options.storage] storage kept from an earlier launch
   * @param {string} [options.root] the build folder
   */
  static async launch(options) {
    const app = new Weapp(options);
    try {
      app.start(options.path);
    } catch (error) {
      app.close();
      throw error;
    }
    await app.idle();
    return app;
  }

  constructor({ origin, persona, storage, root = BUILD_DIR }) {
    launches += 1;
    /** Keeps each launch's exparser registrations apart. */
    this.launchId = launches;
    this.origin = origin;
    this.persona = persona;
    this.root = root;
    this.build = compileBuild(root);
    this.appJson = JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8'));
    const subPackages = this.appJson.subPackages ?? this.appJson.subpackages ?? [];
    /** @type {Set<string>} every page of app.json, main package and subpackages */
    this.routes = new Set([
      ...this.appJson.pages,
      ...subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`)),
    ]);
    /** @type {{ pagePath: string, text: string }[]} */
    this.tabBar = this.appJson.tabBar?.list ?? [];
    this.tabRoutes = new Set(this.tabBar.map((tab) => tab.pagePath));

    /** @type {string[]} what went wrong: logic-layer errors, template errors, missing APIs, browser-only reads */
    this.problems = [];
    /** @type {{ api: string, args: unknown[] }[]} every wx call, in order */
    this.calls = [];
    /** @type {{ method: string, url: string, statusCode: number }[]} */
    this.requests = [];
    /** @type {Record<string, Function[]>} */
    this.listeners = {};
    this.storage = storage ?? new Map();
    this.clipboard = '';
    /** @type {Map<string, { url: string, statusCode: number, contentType: string, bytes: Buffer }>} downloaded files by temp path */
    this.files = new Map();
    /**
     * What the person answers: showModal (true: confirm; queued answers first), subscribe messages,
     * the permissions getSetting reports (`{ 'scope.writePhotosAlbum': false }`: refused before).
     */
    this.answers = { modal: [], subscribe: 'accept', files: [], authSetting: {} };
    /** Files the person picks next (chooseMedia, chooseMessageFile): `{ name, bytes }`, in order. */
    /** @type {Map<string, { path: string, name: string, bytes: Buffer }>} temp files handed out */
    this.tempFiles = new Map();
    /** @type {Map<number, string>} the tab bar's badges by tab index */
    this.tabBadges = new Map();
    this.pending = 0;
    this.closed = false;
    /** Whether the person already agreed to the privacy guide (WeChat remembers it per user). */
    this.privacyAgreed = false;
    this.pendingPhone = null;
    this.nextPageId = 1;
    this.launchOptions = { path: '', query: {}, scene: 1001, referrerInfo: {}, apiCategory: 'default' };

    this.report = (problem) => {
      if (this.closed) return;
      const where = this.router?.top?.route;
      const line = where && !problem.includes(where) ? `${problem} (on ${where})` : problem;
      if (!this.problems.includes(line)) this.problems.push(line);
    };
    this.view = new ViewLayer(this.build.source, this.report);
    this.logic = new LogicLayer({ root, subPackages, report: this.report, globals: {} });
    this.router = new Router(this);
    /** @type {Map<string, object>} Page() configs by route */
    this.pageConfigs = new Map();
    /** @type {Map<string, object>} Component() configs by path */
    this.componentConfigs = new Map();
    /** @type {Map<string, string>} view definitions by page route or component path */
    this.viewIds = new Map();
    /** @type {WeakMap<object, Record<string, any>>} view method caller → its logic instance */
    this.logicOf = new WeakMap();
    /** @type {{ kind: 'page' | 'component', path: string } | null} */
    this.defining = null;
    this.appInstance = null;
    /** Taro's document and window in the logic layer, once app.js ran (see guardDom). */
    this.taroDocument = null;
    this.taroWindow = null;

    this.container = document.createElement('div');
    this.container.className = `weapp-${this.launchId}`;
    document.body.appendChild(this.container);

    this.installGlobals();
  }

  installGlobals() {
    const { context } = this.logic;
    context.wx = createWx(this);
    context.App = (config) => {
      if (this.appInstance) this.report('App() was called twice');
      this.appInstance = config;
    };
    context.getApp = () => this.appInstance;
    context.Page = (config) => {
      if (this.defining?.kind !== 'page') {
        this.report(
          `Page() was called outside a page's own file (while loading ${this.defining?.path ?? 'nothing'})`,
        );
        return;
      }
      this.pageConfigs.set(this.defining.path, config);
    };
    context.Component = (config) => {
      if (!this.defining) {
        this.report('Component() was called outside a page or component file');
        return;
      }
      if (this.defining.kind === 'page') this.pageConfigs.set(this.defining.path, config);
      else this.componentConfigs.set(this.defining.path, config);
    };
    context.Behavior = (definition) => definition;
    context.getCurrentPages = () => {
      const pages = this.logic.clone([]);
      for (const page of this.router.stack) pages.push(page.instance);
      return pages;
    };
    context.requirePlugin = (name) => {
      this.report(`requirePlugin(${name}): the weapp harness has no plugins`);
      throw new Error(`plugin ${name} is not defined`);
    };
  }

  /** The next file the person picks, as a temp file of WeChat's; a picker with none left is cancelled. */
  takeChosenFile() {
    const chosen = this.answers.files.shift();
    if (!chosen) throw new Error('cancel');
    const file = {
      path: `wxfile://tmp_${this.tempFiles.size + 1}_${chosen.name}`,
      name: chosen.name,
      bytes: chosen.bytes,
    };
    this.tempFiles.set(file.path, file);
    return file;
  }

  start(entry) {
    this.logic.require('/app.js', 'app.js');
    if (!this.appInstance) throw new Error('app.js did not call App()');
    this.guardDom();
    // A code's page comes with its query (`scene`), in the launch options and the page's onLoad,
    // as WeChat hands it over: still URL-encoded, for the app to decode.
    const [first, search = ''] = (entry ?? this.appJson.entryPagePath ?? this.appJson.pages[0]).split('?');
    const query = Object.fromEntries(
      search
        .split('&')
        .filter(Boolean)
        .map((pair) => [pair.split('=')[0], pair.slice(pair.indexOf('=') + 1)]),
    );
    this.launchOptions.path = first;
    this.launchOptions.query = query;
    const launch = this.logic.clone(this.launchOptions);
    for (const hook of ['onLaunch', 'onShow']) {
      const fn = this.appInstance[hook];
      if (typeof fn === 'function') this.logic.call(`App ${hook}`, fn, this.appInstance, [launch]);
    }
    const page = this.openPage(first, query);
    if (this.tabRoutes.has(first)) this.router.tabs.set(first, page);
    this.router.stack.push(page);
  }

  /**
   * Taro gives pages a `document` and `window` of its own (webpack's ProvidePlugin): a browser-only
   * member such as document.title or window.innerWidth is then undefined in WeChat, silently. Any
   * read or write of a member they lack is reported.
   */
  guardDom() {
    const jsonp = this.logic.context.wx.webpackJsonp;
    if (!Array.isArray(jsonp)) throw new Error('app.js registered no webpack chunks (wx.webpackJsonp)');
    let webpackRequire = null;
    jsonp.push([[`weapp-harness-${this.launchId}`], {}, (require) => void (webpackRequire = require)]);
    if (!webpackRequire) throw new Error("could not reach the build's webpack runtime");
    // The modules that create them: Taro's document module and its window (which skips "atob").
    const candidates = Object.keys(webpackRequire.m).filter((id) => {
      const source = Function.prototype.toString.call(webpackRequire.m[id]);
      return (
        (source.includes('createTextNode') && source.includes('getElementById')) || source.includes('"atob"')
      );
    });
    const values = candidates.flatMap((id) => {
      const exports = webpackRequire(id);
      return Object.keys(exports).map((key) => exports[key]);
    });
    const isObject = (value) => value !== null && typeof value === 'object';
    const taroDocument = values.find((value) => isObject(value) && value.nodeName === '#document');
    const taroWindow = values.find(
      (value) =>
        isObject(value) && value !== taroDocument && 'navigator' in value && value.document === taroDocument,
    );
    if (!taroDocument || !taroWindow)
      throw new Error("could not find Taro's document and window in the build");
    this.taroDocument = taroDocument;
    this.taroWindow = taroWindow;
    const report = (problem) => this.report(problem);
    for (const [name, object] of [
      ['document', taroDocument],
      ['window', taroWindow],
    ]) {
      const prototype = Object.getPrototypeOf(object);
      Object.setPrototypeOf(
        object,
        new Proxy(prototype, {
          get(target, key, receiver) {
            if (typeof key === 'string' && !(key in target) && !DOM_PROBES.has(key)) {
              report(
                `${name}.${key} was read in the logic layer: Taro's ${name} in WeChat has no such member (a browser-only API)`,
              );
            }
            return Reflect.get(target, key, receiver);
          },
          set(target, key, value, receiver) {
            if (typeof key === 'string' && !(key in target)) {
              report(
                `${name}.${key} was set in the logic layer: Taro's ${name} in WeChat has no such member (a browser-only API)`,
              );
            }
            return Reflect.set(target, key, value, receiver);
          },
        }),
      );
    }
  }

  readJson(file) {
    const full = path.join(this.root, file);
    return existsSync(full) ? JSON.parse(readFileSync(full, 'utf8')) : null;
  }

  /** Loads a page's or component's code once, expecting it to call Page()/Component(). */
  loadCode(kind, file) {
    this.defining = { kind, path: file };
    try {
      this.logic.require(`/${file}.js`, `${file}.js`);
    } catch (error) {
      throw new Error(`loading ${file}.js failed: ${describeError(error)}`, { cause: error });
    } finally {
      this.defining = null;
    }
    const config = (kind === 'page' ? this.pageConfigs : this.componentConfigs).get(file);
    if (!config) {
      throw new Error(
        `${file}.js ran but never called ${kind === 'page' ? 'Page' : 'Component'}(): a chunk it waits for is missing`,
      );
    }
    return config;
  }

  /** usingComponents of `owner` → tag → view definition id, loading each component. */
  loadComponents(owner) {
    const using = this.readJson(`${owner}.json`)?.usingComponents ?? {};
    /** @type {Record<string, string>} */
    const tags = {};
    for (const [tag, target] of Object.entries(using)) {
      if (String(target).startsWith('plugin://')) throw new Error(`${owner} uses plugin component ${target}`);
      const file = path.posix.normalize(
        target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(owner), target),
      );
      tags[tag] = this.defineComponent(file);
    }
    return tags;
  }

  /** Forwards the view's event handlers to the logic layer, as JSON, a tick later. */
  forwarders(names) {
    const forward = (caller, name, event) => {
      const json = JSON.stringify(event);
      this.toLogic(() => {
        const target = this.logicOf.get(caller);
        if (!target || typeof target[name] !== 'function') {
          this.report(`event handler ${name} has no logic-layer method`);
          return;
        }
        const label = `${target.route ?? target.is} ${name}(${event.type})`;
        this.logic.call(label, target[name], target, [this.logic.JSON.parse(json)]);
      });
    };
    /** @type {Record<string, (event: object) => void>} */
    const methods = {};
    for (const name of names) {
      // exparser calls handlers with `this` set to the view's component.
      methods[name] = function (event) {
        forward(this, name, event);
      };
    }
    return methods;
  }

  defineComponent(file) {
    const known = this.viewIds.get(file);
    if (known) return known;
    const viewId = `weapp${this.launchId}-${file.replace(/[^a-zA-Z0-9]/g, '-')}`;
    this.viewIds.set(file, viewId);
    const config = this.loadCode('component', file);
    const usingComponents = this.loadComponents(file);
    const methods = config.methods ?? {};
    const lifetime = (name) => config.lifetimes?.[name] ?? config[name];
    /** The logic-layer instance of a component the view created (`caller`), with WeChat's methods. */
    const create = (caller) => {
      const instance = this.logic.clone({});
      for (const [name, fn] of Object.entries(methods)) if (typeof fn === 'function') instance[name] = fn;
      instance.is = file;
      instance.data = this.logic.clone(caller.data);
      instance.properties = instance.data;
      instance.setData = (payload, callback) => this.setData(instance, caller, file, payload, callback);
      instance.triggerEvent = (name, detail, options) => {
        const json = JSON.stringify(detail ?? {});
        this.toView(() => caller.triggerEvent(name, JSON.parse(json), options));
      };
      this.logicOf.set(caller, instance);
    };
    const run = (caller, name) => {
      const instance = this.logicOf.get(caller);
      const fn = lifetime(name);
      if (instance && typeof fn === 'function') {
        this.toLogic(() => this.logic.call(`${file} ${name}`, fn, instance));
      }
    };
    this.view.define(viewId, {
      template: `${file}.wxml`,
      usingComponents,
      properties: config.properties ?? {},
      data: JSON.parse(JSON.stringify(config.data ?? {})),
      options: { ...(config.options ?? {}) },
      methods: this.forwarders(Object.keys(methods).filter((name) => typeof methods[name] === 'function')),
      lifetimes: {
        created() {
          create(this);
          run(this, 'created');
        },
        attached() {
          run(this, 'attached');
        },
        ready() {
          run(this, 'ready');
        },
        detached() {
          run(this, 'detached');
        },
      },
    });
    return viewId;
  }

  definePage(route) {
    const known = this.viewIds.get(route);
    if (known) return known;
    const config = this.loadCode('page', route);
    const usingComponents = this.loadComponents(route);
    const viewId = `weapp${this.launchId}-${route.replace(/[^a-zA-Z0-9]/g, '-')}`;
    const handlers = Object.keys(config).filter((name) => typeof config[name] === 'function');
    this.view.define(viewId, {
      template: `${route}.wxml`,
      usingComponents,
      data: JSON.parse(JSON.stringify(config.data ?? {})),
      methods: this.forwarders(handlers),
    });
    this.viewIds.set(route, viewId);
    return viewId;
  }

  /** The bridge, logic → view: the payload travels as JSON, applied on the view a tick later. */
  setData(instance, caller, label, payload, callback) {
    if (!payload || typeof payload !== 'object') {
      this.report(`${label}: setData takes an object, got ${typeof payload}`);
      return;
    }
    let json;
    try {
      json = JSON.stringify(payload);
    } catch (error) {
      this.report(`${label}: setData payload is not JSON: ${describeError(error)}`);
      throw error;
    }
    if (json.length > SET_DATA_LIMIT)
      this.report(`${label}: one setData of ${json.length} bytes, over WeChat's 1 MB`);
    const copy = this.logic.JSON.parse(json);
    const parse = (text) => this.logic.JSON.parse(text);
    for (const key of Object.keys(copy)) applyDataPath(instance.data, key, copy[key], parse);
    this.toView(() => {
      try {
        caller.setData(JSON.parse(json));
      } catch (error) {
        this.report(`${label}: the view failed to apply setData: ${describeError(error)}`);
      }
      if (typeof callback === 'function')
        this.toLogic(() => this.logic.call(`${label} setData callback`, callback, instance));
    });
  }

  toView(fn) {
    this.bridge(fn);
  }

  toLogic(fn) {
    this.bridge(fn);
  }

  /** One message across WeChat's bridge: asynchronous, in order. */
  bridge(fn) {
    this.pending += 1;
    setTimeout(() => {
      this.pending -= 1;
      if (!this.closed) fn();
    }, 0);
  }

  /** Opens a page: its code on first use, a new page instance, its view, onLoad, onShow, then onReady. */
  openPage(route, query) {
    const viewId = this.definePage(route);
    const config = this.pageConfigs.get(route);
    const id = this.nextPageId++;
    const instance = this.logic.clone({});
    for (const [key, value] of Object.entries(config)) {
      instance[key] = typeof value === 'function' ? value : this.logic.clone(value);
    }
    instance.data = this.logic.clone(config.data ?? {});
    instance.route = route;
    instance.__route__ = route;
    instance.options = this.logic.clone(query);
    instance.__wxWebviewId__ = id;
    instance.__wxExparserNodeId__ = `page-${id}`;
    instance.getPageId = () => `pageId:${id}`;
    instance.getOpenerEventChannel = () => this.logic.clone({});
    instance.getTabBar = () => undefined;
    for (const name of [
      'selectComponent',
      'selectAllComponents',
      'createSelectorQuery',
      'createIntersectionObserver',
    ]) {
      instance[name] = () => {
        this.report(`${route}: this.${name} is not provided by the weapp harness`);
        return null;
      };
    }
    const view = this.view.create(viewId, this.container);
    instance.setData = (payload, callback) => this.setData(instance, view.instance, route, payload, callback);
    this.logicOf.set(view.instance, instance);
    /** @type {import('./router').PageHandle} */
    const page = { id, route, query, instance, view, unloaded: false };
    this.lifecycle(page, 'onLoad', this.logic.clone(query));
    this.lifecycle(page, 'onShow');
    // onReady follows the view's first render.
    this.toView(() => this.toLogic(() => this.lifecycle(page, 'onReady')));
    return page;
  }

  lifecycle(page, name, ...args) {
    const fn = page.instance[name];
    if (!page.unloaded && typeof fn === 'function')
      this.logic.call(`${page.route} ${name}`, fn, page.instance, args);
  }

  hidePage(page) {
    this.lifecycle(page, 'onHide');
  }

  showPage(page) {
    this.lifecycle(page, 'onShow');
  }

  unloadPage(page) {
    this.lifecycle(page, 'onUnload');
    page.unloaded = true;
    this.toView(() => page.view.detach());
  }

  rewriteUrl(url) {
    if (url.startsWith(`${BUILD_API_BASE}/`)) return `${this.origin}${url.slice(BUILD_API_BASE.length)}`;
    this.report(
      `wx.request to ${url}: not the build's API origin (${BUILD_API_BASE}), refused as WeChat's domain list would`,
    );
    throw new Error('url not in domain list');
  }

  async loginCode() {
    return loginCode(this.origin, this.persona);
  }

  // ---- what tests use ----

  /** The page on top of the stack. */
  get page() {
    const top = this.router.top;
    if (!top) throw new Error('no page is open');
    return top;
  }

  get route() {
    return this.page.route;
  }

  /** The current page's text, whitespace removed (line breaks are layout, not content). */
  text() {
    return compact(this.page.view.dom.textContent ?? '');
  }

  /** @returns {Element[]} rendered nodes of the current page matching a CSS selector */
  queryAll(selector, { hasText } = {}) {
    const nodes = [...this.page.view.dom.querySelectorAll(selector)];
    return hasText === undefined
      ? nodes
      : nodes.filter((node) => compact(node.textContent ?? '').includes(compact(hasText)));
  }

  /** The wx calls made to `api`, as the options each was called with (JSON). */
  callsTo(api) {
    return this.calls.filter((call) => call.api === api).map((call) => call.args[0]);
  }

  /** Resolves once no message is crossing the bridge, no wx call is pending and no render is due. */
  async idle(timeout = 5000) {
    const deadline = Date.now() + timeout;
    let quiet = 0;
    while (quiet < 3) {
      if (Date.now() > deadline) throw new Error(`the mini-program did not settle within ${timeout} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      quiet = this.pending === 0 && !this.logic.hasTimerDue(50) ? quiet + 1 : 0;
    }
  }

  /** Waits until the current page shows `text` (whitespace ignored). */
  async waitForText(text, timeout = 5000) {
    const deadline = Date.now() + timeout;
    while (!this.text().includes(compact(text))) {
      if (Date.now() > deadline) {
        throw new Error(
          `${this.route} did not show "${text}" within ${timeout} ms; it shows: ${this.text().slice(0, 400)}\nproblems: ${this.problems.join('\n') || 'none'}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.idle();
  }

  /** Waits until the page on top is `route`. */
  async waitForRoute(route, timeout = 5000) {
    const deadline = Date.now() + timeout;
    while (this.router.top?.route !== route) {
      if (Date.now() > deadline) throw new Error(`still on ${this.router.top?.route}, not ${route}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.idle();
  }

  find(selector, { hasText } = {}) {
    const [node] = this.queryAll(selector, { hasText });
    if (!node) {
      throw new Error(
        `${this.route} has no ${selector}${hasText ? ` with "${hasText}"` : ''}; it shows: ${this.text().slice(0, 400)}`,
      );
    }
    return node;
  }

  /** The innermost rendered node whose whole text is `text`. */
  findText(text) {
    const wanted = compact(text);
    const matches = [...this.page.view.dom.querySelectorAll('*')].filter(
      (node) => compact(node.textContent ?? '') === wanted,
    );
    const innermost = matches.filter(
      (node) => !matches.some((other) => other !== node && node.contains(other)),
    );
    if (!innermost.length)
      throw new Error(`${this.route} shows no "${text}"; it shows: ${this.text().slice(0, 400)}`);
    return innermost[0];
  }

  /**
   * Taps a node, given by its text or by a selector (`{ selector, hasText }`), and lets the app
   * settle. A button's open-type plays WeChat's part: getPhoneNumber asks for privacy consent first
   * (onNeedPrivacyAuthorization) and then hands over a phone code from the stand-in;
   * agreePrivacyAuthorization gives that consent.
   */
  async tap(target) {
    const node = typeof target === 'string' ? this.findText(target) : this.find(target.selector, target);
    this.view.dispatch(node, 'tap', { x: 0, y: 0 });
    const openType = this.openTypeOf(node);
    if (openType === 'getPhoneNumber') await this.askPhoneNumber(node);
    if (openType === 'agreePrivacyAuthorization') this.view.dispatch(node, 'agreeprivacyauthorization', {});
    await this.idle();
  }

  /** The open-type of the button at or around `node`, from the template's attributes. */
  openTypeOf(node) {
    for (let current = node; current; current = current.parentElement) {
      const attrs = current.__wxElement?._vt?.attrs ?? [];
      const openType = attrs.find((attr) => attr.name === 'openType' || attr.name === 'open-type');
      if (openType?.value) return String(openType.value);
    }
    return null;
  }

  /** WeChat's getPhoneNumber button: privacy consent first when the app listens for it, then the code. */
  async askPhoneNumber(node) {
    const listeners = this.listenersOf('needPrivacyAuthorization');
    if (this.privacyAgreed || !listeners.length) {
      await this.deliverPhoneNumber(node);
      return;
    }
    this.pendingPhone = node;
    const resolve = (answer) => {
      const event = answer?.event;
      if (event === 'agree') {
        this.privacyAgreed = true;
        if (this.pendingPhone) void this.deliverPhoneNumber(this.pendingPhone);
        this.pendingPhone = null;
      } else if (event === 'disagree') {
        if (this.pendingPhone) {
          this.view.dispatch(this.pendingPhone, 'getphonenumber', {
            errMsg: 'getPhoneNumber:fail privacy permission is not authorized',
          });
        }
        this.pendingPhone = null;
      }
    };
    const info = this.logic.clone({ referrer: 'getPhoneNumber' });
    for (const listener of listeners) {
      this.toLogic(() =>
        this.logic.call('onNeedPrivacyAuthorization listener', listener, undefined, [resolve, info]),
      );
    }
    await this.idle();
  }

  async deliverPhoneNumber(node) {
    this.pending += 1;
    try {
      const code = await this.phoneCode();
      this.view.dispatch(node, 'getphonenumber', { errMsg: 'getPhoneNumber:ok', code });
    } finally {
      this.pending -= 1;
    }
  }

  /** A one-time phone code for the persona's phone, from the stand-in (what WeChat's dialog returns). */
  async phoneCode() {
    return phoneCode(this.origin, this.persona);
  }

  /** Dispatches another view event (input, change, getphonenumber…) with its detail. */
  async trigger(selector, type, detail, { hasText } = {}) {
    this.view.dispatch(this.find(selector, { hasText }), type, detail);
    await this.idle();
  }

  /** Types into an input as WeChat reports it: one input event with the whole value. */
  async input(selector, value) {
    await this.trigger(selector, 'input', { value, cursor: value.length, keyCode: 0 });
  }

  /** Taps a tab of the native tab bar. */
  async tapTab(text) {
    const tab = this.tabBar.find((item) => item.text === text);
    if (!tab) throw new Error(`the tab bar has no "${text}"`);
    await this.router.switchTab(`/${tab.pagePath}`);
    await this.idle();
  }

  /** The native back button. */
  async back() {
    await this.router.navigateBack(1);
    await this.idle();
  }

  /** The native pull-down gesture, on pages that enable it. */
  async pullDownRefresh() {
    const config = this.readJson(`${this.route}.json`) ?? {};
    if (!(config.enablePullDownRefresh ?? this.appJson.window?.enablePullDownRefresh)) {
      throw new Error(`${this.route} does not enable pull-down refresh`);
    }
    this.lifecycle(this.page, 'onPullDownRefresh');
    await this.idle();
  }

  /** The listeners the app registered with wx.on<Name> (e.g. 'needPrivacyAuthorization'). */
  listenersOf(name) {
    return this.listeners[name] ?? [];
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.logic.close();
    this.container.remove();
  }
}

module.exports = { BUILD_API_BASE, BUILD_DIR, Weapp, compact, compileBuild };
