import Taro from '@tarojs/taro';
import { messageListResponseSchema, unreadCountResponseSchema, type MessageListResponse } from '@itss/shared';
import { tabIndex } from '@/routes';
import { request } from './http';

export function getMessages(before: number | null): Promise<MessageListResponse> {
  const query = before === null ? '' : `?before=${before}`;
  return request({ path: `/api/messages${query}`, schema: messageListResponseSchema });
}

export async function getUnreadCount(): Promise<number> {
  const { unread } = await request({ path: '/api/messages/unread-count', schema: unreadCountResponseSchema });
  return unread;
}

export async function markRead(id: number): Promise<void> {
  await request({ path: `/api/messages/${id}/read`, method: 'POST' });
}

export async function markAllRead(): Promise<void> {
  await request({ path: '/api/messages/read-all', method: 'POST' });
}

const ME_TAB_INDEX = tabIndex('pages/me/index');

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
