import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, errorMessage, type AuditEntry } from '@itss/shared';
import { admin, ok, serveBy, signedInAs } from '@test/fixtures';
import { stopPullDownRefresh, usePullDownRefresh } from '@test/taro-mock';
import AuditPage from './index';

// A staff page opens only to those the server lets use it.
beforeEach(() => signedInAs(admin));

const entry = (id: number, action: AuditEntry['action'], at: string): AuditEntry => ({
  id,
  at,
  action,
  actor: { id: 5, displayName: '周工作' },
  target: action.startsWith('role') ? { type: 'user', id: 7 } : null,
  targetName: action.startsWith('role') ? '郑同事' : null,
  detail: action.startsWith('role') ? 'staff,admin' : null,
  ip: '127.0.0.1',
});

test('lists the log newest first in Chinese and Beijing time, and 加载更多 pages with nextCursor', async () => {
  const calls = serveBy((call) =>
    call.path.includes('cursor=c2')
      ? ok({ items: [entry(1, 'auth.login', '2026-03-04T16:30:00.000Z')], nextCursor: null })
      : ok({
          items: [
            entry(3, 'role.granted', '2026-03-05T06:07:00.000Z'),
            entry(2, 'user.phone_bound', '2026-03-05T01:00:00.000Z'),
          ],
          nextCursor: 'c2',
        }),
  );
  render(<AuditPage />);
  await screen.findByText('授予权限');
  expect(screen.getByText('2026-03-05 14:07')).toBeTruthy();
  expect(screen.getByText('绑定手机号')).toBeTruthy();
  expect(screen.getByText(/周工作 → 郑同事 · 工作人员、管理员/)).toBeTruthy();
  fireEvent.click(screen.getByText('加载更多'));
  await screen.findByText('登录');
  expect(screen.getByText('2026-03-05 00:30')).toBeTruthy();
  expect(screen.getByText('没有更早的记录了')).toBeTruthy();
  expect(calls.map((c) => c.path)).toEqual(['/api/audit?limit=50', '/api/audit?limit=50&cursor=c2']);
});

test('a failed 加载更多 keeps the entries on screen and says why; tapping again loads the page', async () => {
  let reachable = false;
  const calls = serveBy((call) => {
    if (!call.path.includes('cursor=')) {
      return ok({ items: [entry(3, 'auth.logout', '2026-03-05T06:07:00.000Z')], nextCursor: 'c3' });
    }
    return reachable
      ? ok({ items: [entry(2, 'auth.login', '2026-03-05T01:00:00.000Z')], nextCursor: null })
      : 'offline';
  });
  render(<AuditPage />);
  await screen.findByText('退出登录');
  fireEvent.click(screen.getByText('加载更多'));
  expect((await screen.findByRole('alert')).textContent).toBe(errorMessage(ErrorCode.NetworkError));
  expect(screen.getByText('退出登录')).toBeTruthy();

  reachable = true;
  fireEvent.click(screen.getByText('加载更多'));
  await screen.findByText('登录');
  expect(screen.getByText('退出登录')).toBeTruthy();
  expect(screen.queryByRole('alert')).toBeNull();
  expect(screen.getByText('没有更早的记录了')).toBeTruthy();
  expect(calls.map((c) => c.path)).toEqual([
    '/api/audit?limit=50',
    '/api/audit?limit=50&cursor=c3',
    '/api/audit?limit=50&cursor=c3',
  ]);
});

test('pull-to-refresh shows the newest entries from the top again', async () => {
  serveBy(() => ok({ items: [entry(2, 'auth.login', '2026-03-05T01:00:00.000Z')], nextCursor: null }));
  render(<AuditPage />);
  await screen.findByText('登录');
  serveBy(() => ok({ items: [entry(3, 'auth.logout', '2026-03-05T06:07:00.000Z')], nextCursor: null }));
  const handler = usePullDownRefresh.mock.lastCall?.[0];
  if (!handler) throw new Error('the page registered no pull-down handler');
  act(handler);
  await screen.findByText('退出登录');
  await waitFor(() => expect(stopPullDownRefresh).toHaveBeenCalled());
  expect(screen.queryByText('登录')).toBeNull();
});
