// WeChat's page stack: navigateTo, redirectTo, navigateBack, switchTab and reLaunch with WeChat's
// rules (tab pages only through switchTab and kept alive once opened, 10 pages at most, unknown pages
// refused). The pages themselves are opened, shown, hidden and closed by the Weapp (index.js).
const path = require('node:path');

const STACK_LIMIT = 10;

function parseUrl(url, from) {
  const [pathPart, queryPart = ''] = String(url).split('?');
  const base = pathPart.startsWith('/') ? '' : path.posix.dirname(from ?? '');
  const route = path.posix.normalize(path.posix.join(base, pathPart)).replace(/^\//, '');
  /** @type {Record<string, string>} */
  const query = {};
  for (const pair of queryPart.split('&').filter(Boolean)) {
    const [key, value = ''] = pair.split('=');
    query[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return { route, query };
}

/**
 * @typedef {object} PageHandle
 * @property {number} id
 * @property {string} route
 * @property {Record<string, string>} query
 * @property {Record<string, any>} instance the logic layer's page object
 * @property {{ dom: HTMLElement, instance: object, detach: () => void }} view the rendered page
 * @property {boolean} unloaded
 */

class Router {
  /** @param {import('./index').Weapp} app */
  constructor(app) {
    this.app = app;
    /** @type {PageHandle[]} */
    this.stack = [];
    /** @type {Map<string, PageHandle>} tab pages stay alive once opened */
    this.tabs = new Map();
  }

  get top() {
    return this.stack[this.stack.length - 1];
  }

  resolve(url, { tab }) {
    const { route, query } = parseUrl(url, this.top?.route);
    if (!this.app.routes.has(route)) throw new Error(`page "${route}" is not found`);
    const isTab = this.app.tabRoutes.has(route);
    if (tab && !isTab) throw new Error(`can not switchTab to a page out of the tabBar: ${route}`);
    if (!tab && isTab) throw new Error(`can not navigateTo or redirectTo a tabbar page: ${route}`);
    return { route, query };
  }

  async navigateTo(url) {
    const { route, query } = this.resolve(url, { tab: false });
    if (this.stack.length >= STACK_LIMIT)
      throw new Error(`webview count limit exceed (${STACK_LIMIT} pages)`);
    if (this.top) this.app.hidePage(this.top);
    this.stack.push(this.app.openPage(route, query));
  }

  async redirectTo(url) {
    const { route, query } = this.resolve(url, { tab: false });
    const current = this.stack.pop();
    if (current) this.close(current);
    this.stack.push(this.app.openPage(route, query));
  }

  async navigateBack(delta) {
    if (this.stack.length <= 1) throw new Error('cannot navigate back at first page.');
    const count = Math.min(Math.max(1, delta), this.stack.length - 1);
    for (let i = 0; i < count; i++) this.close(this.stack.pop());
    this.app.showPage(this.top);
  }

  async switchTab(url) {
    const { route, query } = this.resolve(url, { tab: true });
    if (Object.keys(query).length) throw new Error(`switchTab does not take a query: ${url}`);
    const current = this.top;
    for (const page of this.stack.splice(0)) {
      if (this.app.tabRoutes.has(page.route)) {
        if (page === current && page.route !== route) this.app.hidePage(page);
      } else {
        this.close(page);
      }
    }
    const alive = this.tabs.get(route);
    if (alive) {
      this.stack.push(alive);
      if (alive !== current) this.app.showPage(alive);
    } else {
      const page = this.app.openPage(route, {});
      this.tabs.set(route, page);
      this.stack.push(page);
    }
  }

  async reLaunch(url) {
    const { route, query } = parseUrl(url, this.top?.route);
    if (!this.app.routes.has(route)) throw new Error(`page "${route}" is not found`);
    for (const page of this.stack.splice(0)) this.close(page);
    for (const page of this.tabs.values()) this.close(page);
    this.tabs.clear();
    const page = this.app.openPage(route, query);
    if (this.app.tabRoutes.has(route)) this.tabs.set(route, page);
    this.stack.push(page);
  }

  close(page) {
    if (this.tabs.get(page.route) === page) return;
    this.app.unloadPage(page);
  }
}

module.exports = { Router, parseUrl };
