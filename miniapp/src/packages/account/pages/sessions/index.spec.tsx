import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ok, serveBy, signedInAs, staffOnly } from '@test/fixtures';
import { showModal, showToast } from '@test/taro-mock';
import { session } from '@/services/session';
import SessionsPage from './index';

const PHONE = {
  id: 1,
  kind: 'miniapp',
  browser: '微信小程序',
  place: '未知地区',
  createdAt: '2026-03-01T01:00:00.000Z',
  lastSeenAt: '2026-03-05T02:00:00.000Z',
  current: true,
};
const DESK = {
  id: 2,
  kind: 'desktop',
  browser: 'Chrome · Windows',
  place: '内网',
  createdAt: '2026-03-05T01:00:00.000Z',
  lastSeenAt: '2026-03-05T03:15:00.000Z',
  current: false,
};

beforeEach(() => session.reset());

test('lists this phone as 本机 and the computer with its browser, place and last use; 退出登录 asks, then ends it', async () => {
  signedInAs(staffOnly);
  let items = [PHONE, DESK];
  const calls = serveBy((call) => {
    if (call.method === 'DELETE') {
      items = [PHONE];
      return { statusCode: 204, data: '' };
    }
    return ok({ items });
  });
  render(<SessionsPage />);
  await screen.findByText('电脑端工作台');
  expect(screen.getByText('本机')).toBeTruthy();
  expect(screen.getByText('Chrome · Windows · 内网')).toBeTruthy();
  expect(screen.getByText('最近使用 2026-03-05 11:15')).toBeTruthy();
  // Only the computer's session ends here: one 退出登录.
  expect(screen.getAllByText('退出登录')).toHaveLength(1);

  fireEvent.click(screen.getByText('退出登录'));
  await waitFor(() => expect(screen.queryByText('电脑端工作台')).toBeNull());
  expect(screen.getByText('微信小程序')).toBeTruthy();
  expect(showModal).toHaveBeenCalledWith(
    expect.objectContaining({ title: '退出电脑端登录', confirmText: '退出登录' }),
  );
  expect(calls.filter((call) => call.method === 'DELETE').map((call) => call.path)).toEqual([
    '/api/me/sessions/2',
  ]);
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已退出登录' }));
});

test('declining the question ends nothing', async () => {
  signedInAs(staffOnly);
  showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false });
  const calls = serveBy(() => ok({ items: [PHONE, DESK] }));
  render(<SessionsPage />);
  fireEvent.click(await screen.findByText('退出登录'));
  await screen.findByText('电脑端工作台');
  expect(calls.filter((call) => call.method === 'DELETE')).toEqual([]);
});

test('a failed load shows why with 重试', async () => {
  signedInAs(staffOnly);
  serveBy(() => 'offline');
  render(<SessionsPage />);
  await screen.findByText('重试');
});
