import Taro from '@tarojs/taro';
import { ROUTES, tabIndex } from '@/routes';

const ME_TAB_INDEX = tabIndex(ROUTES.me);

/** Shows the unread count on the 我的 tab, or no badge at all when there is none. */
export async function showUnreadBadge(unread: number): Promise<void> {
  try {
    if (unread > 0)
      await Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) });
    else await Taro.removeTabBarBadge({ index: ME_TAB_INDEX });
  } catch {
    // Called from a page without the tab bar in view: the badge is set again on the next show.
  }
}
