import fs from 'node:fs';
import path from 'node:path';
import {
  APPLICATION_PAGE,
  INVITE_PAGE,
  JOIN_ENTRY_PAGE,
  MY_UNIT_PAGE,
  SUBMISSION_PAGE,
  WORKBENCH_PAGE,
} from '@itss/shared';
import { appPages, loadAppConfig } from '@test/app-config';
import { ROUTES, TAB_PAGES, routeUrl, tabIndex } from './routes';

const config = loadAppConfig();

test('every page of app.config.ts is in the route table, and every route is a page', () => {
  expect([...Object.values(ROUTES)].sort()).toEqual(appPages(config).sort());
});

test('the tab pages are the tab bar of app.config.ts, in its order', () => {
  expect(TAB_PAGES).toEqual(config.tabBar.list.map((tab) => tab.pagePath));
  expect(config.pages).toEqual([...TAB_PAGES]);
  expect(tabIndex(ROUTES.me)).toBe(config.tabBar.list.findIndex((tab) => tab.text === '我的'));
});

test('the pages the server writes into WeChat messages and codes exist', () => {
  const pages = appPages(config);
  for (const page of [
    JOIN_ENTRY_PAGE,
    APPLICATION_PAGE,
    MY_UNIT_PAGE,
    INVITE_PAGE,
    SUBMISSION_PAGE,
    WORKBENCH_PAGE,
  ])
    expect(pages).toContain(page);
});

test('pages already sent to people keep their paths', () => {
  expect([
    ROUTES.apply,
    ROUTES.application,
    ROUTES.submission,
    ROUTES.myUnit,
    ROUTES.invite,
    ROUTES.article,
    ROUTES.workbench,
  ]).toEqual([
    'packages/join/pages/apply/index',
    'packages/join/pages/detail/index',
    'packages/submit/pages/detail/index',
    'packages/unit/pages/index/index',
    'packages/unit/pages/invite/index',
    'packages/news/pages/article/index',
    'packages/staff/pages/index/index',
  ]);
});

test('routeUrl builds the query once, leaving empty values out', () => {
  expect(routeUrl(ROUTES.unit, { id: 9 })).toBe('/packages/unit/staff/unit/index?id=9');
  expect(routeUrl(ROUTES.invite, { token: 'a b', unused: undefined })).toBe(
    '/packages/unit/pages/invite/index?token=a%20b',
  );
  expect(routeUrl(ROUTES.home)).toBe('/pages/index/index');
});

test('no page path is written outside the route table and app.config.ts', () => {
  const root = path.join(__dirname);
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sources(full);
      return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [full] : [];
    });
  const pagePath = /['"`]\/?(pages|packages)\/[\w-]+\//;
  const offenders = sources(root)
    .filter((file) => !['routes.ts', 'app.config.ts'].includes(path.relative(root, file)))
    .filter((file) => pagePath.test(fs.readFileSync(file, 'utf8')))
    .map((file) => path.relative(root, file));
  expect(offenders).toEqual([]);
});
