import { loadAppConfig } from '@test/app-config';
import { TAB_PAGES, tabIndex } from './routes';

const config = loadAppConfig();

test('the tab pages are the tab bar of app.config.ts, in its order', () => {
  expect(TAB_PAGES).toEqual(config.tabBar.list.map((tab) => tab.pagePath));
  expect(tabIndex('pages/me/index')).toBe(config.tabBar.list.findIndex((tab) => tab.text === '我的'));
});
