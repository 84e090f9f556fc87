import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Message } from '@itss/shared';
import { login, ok, serveBy, visitor } from '@test/fixtures';
import { navigateTo, removeTabBarBadge, storage } from '@test/taro-mock';
import { session } from '@/services/session';
import MessagesPage from './index';

const message = (id: number, read: boolean): Message => ({
  id,
  purpose: 'application_decision',
  title: id === 2 ? '入会申请已通过' : '请补充入会材料',
  body: id === 2 ? '您的入会申请已通过审核。' : '营业执照照片不清晰，请重新上传',
  page: `packages/join/pages/detail/index?id=${id}`,
  createdAt: '2026-11-21T03:30:00.000Z',
  readAt: read ? '2026-11-21T04:00:00.000Z' : null,
});

beforeEach(() => {
  storage.clear();
  session.reset();
});

test('unread messages are marked; a tap marks it read and opens its page; 全部已读 clears all', async () => {
  let allRead = false;
  const calls = serveBy((call) => {
    if (call.path === '/api/auth/wechat') return login(visitor);
    if (call.path === '/api/messages')
      return ok({
        items: [message(2, allRead), message(1, true)],
        nextCursor: null,
        unread: allRead ? 0 : 1,
      });
    if (call.method === 'POST') {
      if (call.path === '/api/messages/read-all') allRead = true;
      return { statusCode: 204, data: '' };
    }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };
  });
  await act(() => session.start());
  render(<MessagesPage />);
  await screen.findByText('入会申请已通过');
  expect(document.querySelectorAll('.message--unread')).toHaveLength(1);
  expect(screen.getByText('入会申请已通过').closest('.message')?.className).toContain('message--unread');

  fireEvent.click(screen.getByText('入会申请已通过'));
  await waitFor(() =>
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/join/pages/detail/index?id=2' }),
  );
  expect(calls.some((c) => c.method === 'POST' && c.path === '/api/messages/2/read')).toBe(true);
  expect(document.querySelectorAll('.message--unread')).toHaveLength(0);
  // A message already read is not marked again.
  fireEvent.click(screen.getByText('请补充入会材料'));
  expect(calls.some((c) => c.path === '/api/messages/1/read')).toBe(false);

  fireEvent.click(screen.getByText('全部已读'));
  await waitFor(() => expect(removeTabBarBadge).toHaveBeenCalledWith({ index: 4 }));
  expect(calls.some((c) => c.path === '/api/messages/read-all')).toBe(true);
});

test('no messages: says where decisions will arrive', async () => {
  serveBy((call) =>
    call.path === '/api/auth/wechat' ? login(visitor) : ok({ items: [], nextCursor: null, unread: 0 }),
  );
  await act(() => session.start());
  render(<MessagesPage />);
  await screen.findByText('暂无消息，入会申请的审核结果会在这里通知您');
});
