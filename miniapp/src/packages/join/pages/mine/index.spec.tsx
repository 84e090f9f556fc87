import { act, fireEvent, render, screen } from '@testing-library/react';
import { login, ok, serveBy, visitor } from '@test/fixtures';
import { navigateTo, storage } from '@test/taro-mock';
import { session } from '@/services/session';
import MinePage from './index';

beforeEach(() => {
  storage.clear();
  session.reset();
});

function serveMine(items: unknown[]): void {
  serveBy((call) => (call.path === '/api/auth/wechat' ? login(visitor) : ok({ items })));
}

test('each application with its level, date and state; a tap opens it', async () => {
  serveMine([
    {
      id: 42,
      state: 'needs_info',
      unitName: '杭州云栈信息技术有限公司',
      level: 'committee',
      contactName: '钱申科',
      contactMobileMasked: '138****0002',
      campaign: null,
      submittedAt: '2026-11-20T02:00:00.000Z',
      updatedAt: '2026-11-21T03:30:00.000Z',
    },
  ]);
  await act(() => session.start());
  render(<MinePage />);
  await screen.findByText('杭州云栈信息技术有限公司');
  expect(screen.getByText('待补充材料')).toBeTruthy();
  expect(screen.getByText('委员单位 · 提交于 2026-11-20 10:00')).toBeTruthy();
  fireEvent.click(screen.getByText('杭州云栈信息技术有限公司'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/join/pages/detail/index?id=42' });
});

test('none yet: says so and leads to the form', async () => {
  serveMine([]);
  await act(() => session.start());
  render(<MinePage />);
  fireEvent.click(await screen.findByText('申请入会'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/join/pages/apply/index' });
  expect(screen.getByText('您还没有提交过入会申请')).toBeTruthy();
});
