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
import {
  PAGE_TITLES,
  ROUTES,
  TAB_PAGES,
  isStaffPage,
  pageTitle,
  routeUrl,
  tabIndex,
  type RouteKey,
} from './routes';

const config = loadAppConfig();

test('app.config.ts declares every route as a page, and no other', () => {
  expect(appPages(config).sort()).toEqual(Object.values(ROUTES).sort());
});

test('each subpackage holds the member or the staff pages of one feature', () => {
  const roots = (config.subPackages ?? []).map(({ root }) => root);
  for (const root of roots) expect(root).toMatch(/^packages\/[\w-]+\/(pages|staff)$/);
  expect(new Set(roots).size).toBe(roots.length);
});

test('a page outside the main package and the feature folders stops the build', () => {
  jest.isolateModules(() => {
    jest.doMock('./routes', () => ({
      ROUTES: { home: 'pages/index/index', stray: 'packages/join/admin/index/index' },
      TAB_PAGES: ['pages/index/index'],
    }));
    expect(loadAppConfig).toThrow('packages/join/admin/index/index: a page lives in pages/');
  });
  jest.dontMock('./routes');
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

test('each page’s config takes its title from the route table, as the H5 bar does', () => {
  for (const [key, page] of Object.entries(ROUTES)) {
    const source = fs.readFileSync(path.join(__dirname, `${page}.config.ts`), 'utf8');
    expect(source).toContain(`navigationBarTitleText: PAGE_TITLES.${key}`);
    expect(PAGE_TITLES[key as RouteKey]).not.toBe('');
    expect(pageTitle(`/${page}?id=3`)).toBe(PAGE_TITLES[key as RouteKey]);
  }
  expect(pageTitle('/pages/nowhere/index')).toBeUndefined();
});

test('the staff pages are the pages drawn for staff only, so on a wide screen each is drawn as the console', () => {
  for (const page of Object.values(ROUTES)) {
    const source = fs.readFileSync(path.join(__dirname, `${page}.tsx`), 'utf8');
    expect({ page, staff: isStaffPage(`/${page}?id=3`) }).toEqual({
      page,
      staff: /staffOnly\(/.test(source),
    });
  }
});

test('routeUrl builds the query once, leaving empty values out', () => {
  expect(routeUrl(ROUTES.unit, { id: 9 })).toBe('/packages/unit/staff/unit/index?id=9');
  expect(routeUrl(ROUTES.invite, { token: 'a b', unused: undefined })).toBe(
    '/packages/unit/pages/invite/index?token=a%20b',
  );
  expect(routeUrl(ROUTES.home)).toBe('/pages/index/index');
});

test('no page path is written outside the route table', () => {
  const root = path.join(__dirname);
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sources(full);
      return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [full] : [];
    });
  const pagePath = /['"`]\/?(pages|packages)\/[\w-]+\//;
  const offenders = sources(root)
    .filter((file) => path.relative(root, file) !== 'routes.ts')
    .filter((file) => pagePath.test(fs.readFileSync(file, 'utf8')))
    .map((file) => path.relative(root, file));
  expect(offenders).toEqual([]);
});
