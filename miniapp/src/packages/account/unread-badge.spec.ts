import { removeTabBarBadge, setTabBarBadge } from '@test/taro-mock';
import { loadAppConfig } from '@test/app-config';
import { showUnreadBadge } from './unread-badge';

const meTab = loadAppConfig().tabBar.list.findIndex((tab) => tab.text === '我的');

test('the unread badge sits on the 我的 tab of the tab bar', async () => {
  await showUnreadBadge(3);
  expect(setTabBarBadge).toHaveBeenCalledWith({ index: meTab, text: '3' });
  await showUnreadBadge(0);
  expect(removeTabBarBadge).toHaveBeenCalledWith({ index: meTab });
});

test('more than 99 unread shows 99+', async () => {
  await showUnreadBadge(120);
  expect(setTabBarBadge).toHaveBeenCalledWith({ index: meTab, text: '99+' });
});
