import { messageListResponseSchema, unreadCountResponseSchema, type MessageListResponse } from '@itss/shared';
import { request } from '@/services/http';

export function getMessages(before: number | null): Promise<MessageListResponse> {
  return request({ path: '/api/messages', query: { before }, schema: messageListResponseSchema });
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
