import {
  desktopLoginDetailsSchema,
  deviceSessionListSchema,
  messageListResponseSchema,
  unreadCountResponseSchema,
  type DesktopLoginDetails,
  type DeviceSessionList,
  type MessageListResponse,
} from '@itss/shared';
import { request } from '@/services/http';

export function getMessages(cursor: string | null): Promise<MessageListResponse> {
  return request({ path: '/api/messages', query: { cursor }, schema: messageListResponseSchema });
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

/** The phone opened a desktop's code: who asks (browser, place), and the ticket is now this person's to confirm. */
export function scanDesktopLogin(ticket: string): Promise<DesktopLoginDetails> {
  return request({
    path: `/api/desktop-logins/${encodeURIComponent(ticket)}/scan`,
    method: 'POST',
    schema: desktopLoginDetailsSchema,
  });
}

export async function confirmDesktopLogin(ticket: string): Promise<void> {
  await request({ path: `/api/desktop-logins/${encodeURIComponent(ticket)}/confirm`, method: 'POST' });
}

export async function cancelDesktopLogin(ticket: string): Promise<void> {
  await request({ path: `/api/desktop-logins/${encodeURIComponent(ticket)}/cancel`, method: 'POST' });
}

export function getDeviceSessions(): Promise<DeviceSessionList> {
  return request({ path: '/api/me/sessions', schema: deviceSessionListSchema });
}

export async function revokeDeviceSession(id: number): Promise<void> {
  await request({ path: `/api/me/sessions/${id}`, method: 'DELETE' });
}
