// The logic layer: the mini-program's JavaScript in a node:vm context of its own, like WeChat's
// JSCore/V8 thread. It has what WeChat gives that thread (wx, App, Page, Component, getApp,
// getCurrentPages, timers, console) and no browser: no window, document, localStorage or fetch.
// Files are evaluated with WeChat's module wrapper and `require`, which also shadows the browser's
// names with undefined parameters, as WeChat does.
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const timers = require('node:timers');
const vm = require('node:vm');

// WeChat wraps every file in a function with these parameters; all but the first three stay undefined.
const MODULE_PARAMETERS = [
  'require',
  'module',
  'exports',
  'window',
  'document',
  'frames',
  'self',
  'location',
  'navigator',
  'localStorage',
  'history',
  'Caches',
  'screen',
  'alert',
  'confirm',
  'prompt',
  'XMLHttpRequest',
  'WebSocket',
  'Reporter',
  'webkit',
  'WeixinJSCore',
];

/** A thrown value as one line plus its first stack frames inside the build. */
function describeError(error) {
  if (error && typeof error === 'object' && 'stack' in error && typeof error.stack === 'string') {
    const lines = error.stack.split('\n');
    const frames = lines.filter((line) => /^\s+at /.test(line)).slice(0, 3);
    const head = lines.filter((line) => !/^\s+at /.test(line)).join(' ');
    return [head, ...frames.map((frame) => frame.trim())].join(' | ');
  }
  return String(error);
}

class LogicLayer {
  /**
   * @param {object} options
   * @param {string} options.root the build folder
   * @param {{ root: string }[]} options.subPackages from app.json
   * @param {(problem: string) => void} options.report
   * @param {Record<string, unknown>} options.globals WeChat's globals (wx, App, Page, …)
   */
  constructor({ root, subPackages, report, globals }) {
    this.root = root;
    this.subPackageRoots = subPackages.map((p) => p.root.replace(/^\/|\/$/g, '') + '/');
    this.report = report;
    /** @type {Map<string, { exports: unknown }>} */
    this.modules = new Map();
    /** @type {Map<number, { handle: NodeJS.Timeout, due: number, repeat: boolean }>} */
    this.timers = new Map();
    this.nextTimerId = 1;
    /** @type {string[]} */
    this.logs = [];
    this.closed = false;

    const sandbox = {
      ...globals,
      console: this.createConsole(),
      setTimeout: (fn, delay, ...args) => this.addTimer(fn, delay, args, false),
      setInterval: (fn, delay, ...args) => this.addTimer(fn, delay, args, true),
      clearTimeout: (id) => this.clearTimer(id),
      clearInterval: (id) => this.clearTimer(id),
    };
    this.context = vm.createContext(sandbox, { name: 'weapp logic layer' });
    /** @type {JSON} the logic realm's JSON: what it parses belongs to the logic layer */
    this.JSON = vm.runInContext('JSON', this.context);
    /** @type {PromiseConstructor} */
    this.Promise = vm.runInContext('Promise', this.context);
  }

  createConsole() {
    const log =
      (level) =>
      (...args) => {
        const text = args.map((arg) =>
          arg instanceof Object && 'stack' in arg ? describeError(arg) : String(arg),
        );
        this.logs.push(`${level}: ${text.join(' ')}`);
        if (level === 'error') this.report(`console.error in the logic layer: ${text.join(' ')}`);
      };
    return {
      log: log('log'),
      info: log('info'),
      debug: log('debug'),
      warn: log('warn'),
      error: log('error'),
    };
  }

  addTimer(fn, delay, args, repeat) {
    const id = this.nextTimerId++;
    if (this.closed) return id;
    const ms = Math.max(0, Number(delay) || 0);
    const run = () => {
      if (!repeat) this.timers.delete(id);
      else this.timers.get(id).due = Date.now() + ms;
      if (typeof fn === 'function')
        this.call(repeat ? 'setInterval callback' : 'setTimeout callback', fn, undefined, args);
    };
    const handle = repeat ? timers.setInterval(run, ms) : timers.setTimeout(run, ms);
    this.timers.set(id, { handle, due: Date.now() + ms, repeat });
    return id;
  }

  clearTimer(id) {
    const timer = this.timers.get(id);
    if (!timer) return;
    timers.clearTimeout(timer.handle);
    timers.clearInterval(timer.handle);
    this.timers.delete(id);
  }

  /** True while a timer of the logic layer is due within `withinMs` (a render or a retry on its way). */
  hasTimerDue(withinMs) {
    const limit = Date.now() + withinMs;
    for (const timer of this.timers.values()) if (!timer.repeat && timer.due <= limit) return true;
    return false;
  }

  /** Calls into the logic layer as WeChat does: an exception is reported, never thrown at the caller. */
  call(label, fn, thisArg, args = []) {
    try {
      return fn.apply(thisArg, args);
    } catch (error) {
      this.report(`${label} threw: ${describeError(error)}`);
      return undefined;
    }
  }

  /** A deep copy made in the logic realm, as data arrives there from WeChat's bridge (JSON). */
  clone(value) {
    return value === undefined ? undefined : this.JSON.parse(JSON.stringify(value));
  }

  /** '' for the main package, else the subpackage root ('packages/staff/'). */
  packageOf(file) {
    return this.subPackageRoots.find((root) => file.startsWith(root)) ?? '';
  }

  /** WeChat's require: relative to the requiring file, `.js` optional, only within reach of its package. */
  require(request, from) {
    const base = request.startsWith('/') ? '' : path.posix.dirname(from);
    let file = path.posix.normalize(path.posix.join(base, request)).replace(/^\//, '');
    if (!file.endsWith('.js')) file += '.js';
    const cached = this.modules.get(file);
    if (cached) return cached.exports;
    if (file.startsWith('../') || !existsSync(path.join(this.root, file))) {
      throw new Error(`module "${file}" is not defined (required from ${from})`);
    }
    const own = this.packageOf(from);
    const target = this.packageOf(file);
    if (target && target !== own) {
      throw new Error(`module "${file}" is in subpackage ${target}, out of reach of ${from}`);
    }
    const module = { exports: this.JSON.parse('{}') };
    this.modules.set(file, module);
    const source = readFileSync(path.join(this.root, file), 'utf8');
    const wrapper = new vm.Script(`(function (${MODULE_PARAMETERS.join(', ')}) {${source}\n})`, {
      filename: file,
    });
    const factory = wrapper.runInContext(this.context);
    const localRequire = (next) => this.require(next, file);
    try {
      factory.call(undefined, localRequire, module, module.exports);
    } catch (error) {
      this.modules.delete(file);
      throw error;
    }
    return module.exports;
  }

  close() {
    this.closed = true;
    for (const id of [...this.timers.keys()]) this.clearTimer(id);
  }
}

module.exports = { LogicLayer, describeError };
