// The `wx` object of the logic layer. It has every API name of WeChat's typings: the ones below
// work (request reaches the test server, login goes through the WeChat stand-in, storage, system
// info, navigation, UI calls that tests assert on); any other one reports its use, and reading a name
// WeChat does not have is reported too. Every call is recorded for the tests.
const { httpRequest } = require('./http');
const { wechatApiNames } = require('./wx-apis');

const SYSTEM_INFO = {
  brand: 'devtools',
  model: 'iPhone 12/13 (Pro)',
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 753,
  statusBarHeight: 47,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'iOS 16.0',
  platform: 'devtools',
  fontSizeSetting: 16,
  SDKVersion: '3.5.0',
  benchmarkLevel: 1,
  theme: 'light',
  enableDebug: false,
  deviceOrientation: 'portrait',
  safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
};

/** Options as tests see them: JSON, without the callbacks. */
function recordable(args) {
  return args.map((arg) => (arg === undefined ? undefined : JSON.parse(JSON.stringify(arg) ?? 'null')));
}

function queryString(data) {
  return Object.entries(data)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
      return `${encodeURIComponent(key)}=${encodeURIComponent(text)}`;
    })
    .join('&');
}

/**
 * @param {import('./index').Weapp} app the running mini-program (its router, storage, answers)
 */
function createWx(app) {
  const { logic } = app;
  const later = (fn) => setTimeout(fn, 0);

  /** An API with success/fail/complete callbacks (or a promise when none is given), answered later. */
  const asyncApi = (name, run) =>
    function (options = {}) {
      const callbacks = [options.success, options.fail, options.complete].some(
        (cb) => typeof cb === 'function',
      );
      let settle = () => undefined;
      const promise = callbacks
        ? undefined
        : new logic.Promise((resolve, reject) => {
            settle = (ok, value) => (ok ? resolve(value) : reject(value));
          });
      app.pending += 1;
      later(async () => {
        let ok = true;
        let result;
        try {
          result = { errMsg: `${name}:ok`, ...((await run(options)) ?? {}) };
        } catch (error) {
          ok = false;
          result = { errMsg: `${name}:fail ${error instanceof Error ? error.message : String(error)}` };
        }
        app.pending -= 1;
        if (app.closed) return;
        const payload = logic.clone(result);
        const callback = ok ? options.success : options.fail;
        if (typeof callback === 'function')
          logic.call(`wx.${name} ${ok ? 'success' : 'fail'}`, callback, undefined, [payload]);
        if (typeof options.complete === 'function')
          logic.call(`wx.${name} complete`, options.complete, undefined, [payload]);
        settle(ok, payload);
      });
      return promise;
    };

  const listeners = (name) =>
    function (listener) {
      app.listeners[name] = [...(app.listeners[name] ?? []), listener];
    };
  const storageValue = (key) => (app.storage.has(key) ? logic.JSON.parse(app.storage.get(key)) : undefined);
  const noop = () => undefined;

  /** @type {Record<string, (...args: any[]) => unknown>} */
  const implemented = {
    request(options) {
      const task = logic.clone({});
      let aborted = false;
      const run = async () => {
        const url = app.rewriteUrl(String(options.url));
        const method = String(options.method ?? 'GET').toUpperCase();
        /** @type {Record<string, string>} */
        const headers = {};
        for (const [key, value] of Object.entries(options.header ?? {}))
          headers[key.toLowerCase()] = String(value);
        headers['content-type'] ??= 'application/json';
        let target = url;
        let body;
        const data = options.data;
        if (method === 'GET' && data && typeof data === 'object') {
          const query = queryString(data);
          if (query) target += (target.includes('?') ? '&' : '?') + query;
        } else if (data !== undefined && method !== 'GET') {
          body =
            typeof data === 'string'
              ? data
              : headers['content-type'].includes('application/x-www-form-urlencoded')
                ? queryString(data)
                : JSON.stringify(data);
        }
        const response = await httpRequest({
          url: target,
          method,
          headers,
          body,
          timeout: options.timeout ?? 60000,
        });
        if (aborted) throw new Error('abort');
        let parsed = response.body;
        if ((options.dataType ?? 'json') === 'json') {
          try {
            parsed = JSON.parse(response.body);
          } catch {
            // WeChat hands over the text when it is not JSON.
          }
        }
        app.requests.push({ method, url: options.url, statusCode: response.status });
        return { data: parsed, statusCode: response.status, header: response.headers, cookies: [] };
      };
      asyncApi('request', run)(options);
      task.abort = () => {
        aborted = true;
      };
      task.onHeadersReceived = noop;
      task.offHeadersReceived = noop;
      task.onChunkReceived = noop;
      task.offChunkReceived = noop;
      return task;
    },
    uploadFile(options) {
      const task = logic.clone({});
      const run = async () => {
        const file = app.tempFiles.get(String(options.filePath));
        if (!file) throw new Error(`no such file ${options.filePath}`);
        const boundary = `----weapp${Date.now().toString(16)}`;
        const parts = [];
        for (const [key, value] of Object.entries(options.formData ?? {}))
          parts.push(`--${boundary}\r\ncontent-disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`);
        // WeChat names the part after the temp file and guesses nothing about its type.
        const head = `--${boundary}\r\ncontent-disposition: form-data; name="${options.name}"; filename="${file.path.slice(file.path.lastIndexOf('/') + 1)}"\r\ncontent-type: application/octet-stream\r\n\r\n`;
        const body = Buffer.concat([
          Buffer.from(parts.join('') + head),
          file.bytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        /** @type {Record<string, string>} */
        const headers = {};
        for (const [key, value] of Object.entries(options.header ?? {}))
          headers[key.toLowerCase()] = String(value);
        headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
        const url = app.rewriteUrl(String(options.url));
        const response = await httpRequest({
          url,
          method: 'POST',
          headers,
          body,
          timeout: options.timeout ?? 60000,
        });
        app.requests.push({ method: 'POST', url: options.url, statusCode: response.status });
        // WeChat hands the answer over as text, whatever its type.
        return { data: response.body, statusCode: response.status };
      };
      asyncApi('uploadFile', run)(options);
      task.abort = noop;
      task.onProgressUpdate = noop;
      task.offProgressUpdate = noop;
      task.onHeadersReceived = noop;
      task.offHeadersReceived = noop;
      return task;
    },
    chooseMedia: asyncApi('chooseMedia', async () => {
      const file = app.takeChosenFile();
      return {
        type: 'image',
        tempFiles: [{ tempFilePath: file.path, size: file.bytes.length, fileType: 'image' }],
      };
    }),
    chooseMessageFile: asyncApi('chooseMessageFile', async () => {
      const file = app.takeChosenFile();
      return {
        tempFiles: [{ path: file.path, name: file.name, size: file.bytes.length, type: 'file', time: 0 }],
      };
    }),
    setTabBarBadge: asyncApi(
      'setTabBarBadge',
      async ({ index, text }) => void app.tabBadges.set(index, text),
    ),
    removeTabBarBadge: asyncApi('removeTabBarBadge', async ({ index }) => void app.tabBadges.delete(index)),
    login: asyncApi('login', async () => ({ code: await app.loginCode() })),
    checkSession: asyncApi('checkSession', async () => ({})),

    getStorageSync: (key) => storageValue(key) ?? '',
    setStorageSync: (key, data) => void app.storage.set(String(key), JSON.stringify(data)),
    removeStorageSync: (key) => void app.storage.delete(String(key)),
    clearStorageSync: () => app.storage.clear(),
    getStorageInfoSync: () =>
      logic.clone({ keys: [...app.storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: asyncApi('getStorage', async ({ key }) => {
      if (!app.storage.has(key)) throw new Error('data not found');
      return { data: JSON.parse(app.storage.get(key)) };
    }),
    setStorage: asyncApi(
      'setStorage',
      async ({ key, data }) => void app.storage.set(key, JSON.stringify(data)),
    ),
    removeStorage: asyncApi('removeStorage', async ({ key }) => void app.storage.delete(key)),
    clearStorage: asyncApi('clearStorage', async () => app.storage.clear()),

    getSystemInfoSync: () => logic.clone(SYSTEM_INFO),
    getSystemInfo: asyncApi('getSystemInfo', async () => SYSTEM_INFO),
    getWindowInfo: () => logic.clone(SYSTEM_INFO),
    getDeviceInfo: () => logic.clone(SYSTEM_INFO),
    getAppBaseInfo: () => logic.clone(SYSTEM_INFO),
    getSystemSetting: () => logic.clone({ deviceOrientation: 'portrait' }),
    getAppAuthorizeSetting: () => logic.clone({}),
    getMenuButtonBoundingClientRect: () =>
      logic.clone({ width: 87, height: 32, top: 51, bottom: 83, left: 296, right: 383 }),
    getAccountInfoSync: () =>
      logic.clone({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),
    getLaunchOptionsSync: () => logic.clone(app.launchOptions),
    getEnterOptionsSync: () => logic.clone(app.launchOptions),
    canIUse: () => true,
    // An editor with something unsaved asks WeChat to confirm leaving; the harness never leaves by
    // the system's back button, so there is nothing to ask.
    enableAlertBeforeUnload: asyncApi('enableAlertBeforeUnload', async () => undefined),
    disableAlertBeforeUnload: asyncApi('disableAlertBeforeUnload', async () => undefined),
    getUpdateManager: () =>
      Object.assign(logic.clone({}), {
        onCheckForUpdate: noop,
        onUpdateReady: noop,
        onUpdateFailed: noop,
        applyUpdate: noop,
      }),
    getNetworkType: asyncApi('getNetworkType', async () => ({ networkType: 'wifi' })),
    onNetworkStatusChange: listeners('networkStatusChange'),
    offNetworkStatusChange: noop,
    nextTick: (fn) => void logic.Promise.resolve().then(() => logic.call('wx.nextTick callback', fn)),

    onAppShow: listeners('appShow'),
    onAppHide: listeners('appHide'),
    offAppShow: noop,
    offAppHide: noop,
    onError: listeners('error'),
    offError: noop,
    onUnhandledRejection: listeners('unhandledRejection'),
    offUnhandledRejection: noop,
    onPageNotFound: listeners('pageNotFound'),
    offPageNotFound: noop,
    onThemeChange: listeners('themeChange'),
    offThemeChange: noop,
    onMemoryWarning: listeners('memoryWarning'),
    offMemoryWarning: noop,

    navigateTo: asyncApi('navigateTo', (options) => app.router.navigateTo(options.url)),
    redirectTo: asyncApi('redirectTo', (options) => app.router.redirectTo(options.url)),
    navigateBack: asyncApi('navigateBack', (options) => app.router.navigateBack(options.delta ?? 1)),
    switchTab: asyncApi('switchTab', (options) => app.router.switchTab(options.url)),
    reLaunch: asyncApi('reLaunch', (options) => app.router.reLaunch(options.url)),

    showToast: asyncApi('showToast', async () => ({})),
    hideToast: asyncApi('hideToast', async () => ({})),
    showLoading: asyncApi('showLoading', async () => ({})),
    hideLoading: asyncApi('hideLoading', async () => ({})),
    showModal: asyncApi('showModal', async () => {
      const confirm = app.answers.modal.length ? app.answers.modal.shift() : true;
      return { confirm, cancel: !confirm };
    }),
    showActionSheet: asyncApi('showActionSheet', async () => ({ tapIndex: 0 })),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', async () => ({})),
    setNavigationBarColor: asyncApi('setNavigationBarColor', async () => ({})),
    showNavigationBarLoading: asyncApi('showNavigationBarLoading', async () => ({})),
    hideNavigationBarLoading: asyncApi('hideNavigationBarLoading', async () => ({})),
    setBackgroundColor: asyncApi('setBackgroundColor', async () => ({})),
    setBackgroundTextStyle: asyncApi('setBackgroundTextStyle', async () => ({})),
    startPullDownRefresh: asyncApi('startPullDownRefresh', async () => ({})),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', async () => ({})),
    pageScrollTo: asyncApi('pageScrollTo', async () => ({})),
    setClipboardData: asyncApi('setClipboardData', async ({ data }) => void (app.clipboard = String(data))),
    getClipboardData: asyncApi('getClipboardData', async () => ({ data: app.clipboard })),
    makePhoneCall: asyncApi('makePhoneCall', async () => ({})),
    vibrateShort: asyncApi('vibrateShort', async () => ({})),
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', async ({ tmplIds = [] }) =>
      Object.fromEntries(tmplIds.map((id) => [id, app.answers.subscribe])),
    ),

    // Files: a download reaches the test server like `request` and keeps the bytes under a temp path
    // (app.files), which openDocument, previewImage and saveImageToPhotosAlbum must be given.
    downloadFile: asyncApi('downloadFile', async (options) => {
      /** @type {Record<string, string>} */
      const headers = {};
      for (const [key, value] of Object.entries(options.header ?? {}))
        headers[key.toLowerCase()] = String(value);
      const response = await httpRequest({
        url: app.rewriteUrl(String(options.url)),
        headers,
        timeout: options.timeout ?? 60000,
      });
      app.requests.push({ method: 'GET', url: options.url, statusCode: response.status });
      const tempFilePath = `wxfile://tmp_${app.files.size + 1}`;
      app.files.set(tempFilePath, {
        url: String(options.url),
        statusCode: response.status,
        contentType: response.headers['content-type'] ?? '',
        bytes: response.bytes,
      });
      return { tempFilePath, statusCode: response.status };
    }),
    openDocument: asyncApi('openDocument', async ({ filePath }) => {
      if (!app.files.has(filePath)) throw new Error(`no such file ${filePath}`);
    }),
    previewImage: asyncApi('previewImage', async ({ urls = [] }) => {
      if (!urls.length) throw new Error('urls is empty');
    }),
    saveImageToPhotosAlbum: asyncApi('saveImageToPhotosAlbum', async ({ filePath }) => {
      if (!app.files.has(filePath)) throw new Error(`no such file ${filePath}`);
    }),
    // The mini-program's permissions as the person left them (app.answers.authSetting: nothing
    // asked yet unless a test says otherwise); the settings page hands them back unchanged.
    getSetting: asyncApi('getSetting', async () => ({ authSetting: { ...app.answers.authSetting } })),
    openSetting: asyncApi('openSetting', async () => ({ authSetting: { ...app.answers.authSetting } })),

    onNeedPrivacyAuthorization: listeners('needPrivacyAuthorization'),
    offNeedPrivacyAuthorization: noop,
    requirePrivacyAuthorize: asyncApi('requirePrivacyAuthorize', async () => ({})),
    getPrivacySetting: asyncApi('getPrivacySetting', async () => ({
      needAuthorization: false,
      privacyContractName: '《ITSS 分会会员服务小程序隐私保护指引》',
    })),
    openPrivacyContract: asyncApi('openPrivacyContract', async () => ({})),

    createSelectorQuery: () => selectorQuery(),

    reportAnalytics: noop,
    reportEvent: noop,
    reportMonitor: noop,
    reportPerformance: noop,
    getRealtimeLogManager: () =>
      Object.assign(logic.clone({}), { info: noop, warn: noop, error: noop, setFilterMsg: noop }),
    getLogManager: () => Object.assign(logic.clone({}), { log: noop, info: noop, warn: noop, debug: noop }),
  };

  /**
   * WeChat's selector query over the current page's rendered nodes: each `select` answers, in order,
   * its first matching node's id, dataset and size (0 × 0: jsdom lays nothing out), or null when none
   * matches. A `node` field (a canvas's drawing object) is never given: the view has no canvas, so a
   * chart finds nothing to draw on, as in a WebView whose canvas failed to start.
   */
  function selectorQuery() {
    const picks = [];
    const query = Object.assign(logic.clone({}), {
      in: () => query,
      select: (selector) => nodesRef(String(selector), picks),
      exec: (callback) => {
        app.pending += 1;
        later(() => {
          app.pending -= 1;
          if (app.closed) return;
          const answers = picks.map(({ selector, callback: own }) => {
            const [node] = app.queryAll(selector);
            const answer = node
              ? { id: node.id ?? '', dataset: { ...(node.dataset ?? {}) }, width: 0, height: 0 }
              : null;
            if (typeof own === 'function')
              logic.call('SelectorQuery fields', own, undefined, [logic.clone(answer)]);
            return answer;
          });
          if (typeof callback === 'function')
            logic.call('SelectorQuery exec', callback, undefined, [logic.clone(answers)]);
        });
        return query;
      },
    });
    const nodesRef = (selector, into) => {
      const pick = { selector, callback: undefined };
      into.push(pick);
      const ref = Object.assign(logic.clone({}), {
        fields: (_fields, callback) => {
          pick.callback = callback;
          return query;
        },
        boundingClientRect: (callback) => {
          pick.callback = callback;
          return query;
        },
      });
      return ref;
    };
    return query;
  }

  const target = logic.clone({});
  for (const [name, kind] of wechatApiNames()) {
    if (kind === 'property') continue;
    const own = implemented[name];
    target[name] = function (...args) {
      app.calls.push({ api: name, args: recordable(args) });
      if (own) return own.apply(this, args);
      app.report(`wx.${name} was called, but the weapp harness does not provide it: add it to harness/wx.js`);
      // Its callbacks, if any, hear a failure; no promise is made (it would only add a rejection).
      const options = args[0];
      const callbacks = options && typeof options === 'object' ? [options.fail, options.complete] : [];
      if (callbacks.some((callback) => typeof callback === 'function')) {
        asyncApi(name, async () => {
          throw new Error('not provided by the weapp harness');
        })(options);
      }
      return undefined;
    };
  }
  target.env = logic.clone({ USER_DATA_PATH: 'wxfile://usr' });
  // wx.cloud and wx.worklet exist in WeChat; this app uses neither, so touching them is reported.
  for (const name of ['cloud', 'worklet', 'router']) {
    target[name] = new Proxy(logic.clone({}), {
      get(object, key) {
        if (typeof key === 'string')
          app.report(`wx.${name}.${key} was used, but the weapp harness does not provide it`);
        return Reflect.get(object, key);
      },
    });
  }
  // Reading a name WeChat's wx does not have: a typo or another platform's API.
  const expectedMissing = new Set(['webpackJsonp']);
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'string' && !(key in object) && !expectedMissing.has(key)) {
        app.report(`wx.${key} was read, but WeChat's wx has no such API`);
      }
      return Reflect.get(object, key, receiver);
    },
  });
}

module.exports = { createWx };
