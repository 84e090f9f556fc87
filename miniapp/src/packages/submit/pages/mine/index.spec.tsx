import { act, fireEvent, render, screen } from '@testing-library/react';
import type { Me } from '@itss/shared';
import { submission } from '@test/editor-fixtures';
import { login, ok, serveBy, visitor } from '@test/fixtures';
import { navigateTo, storage } from '@test/taro-mock';
import { session } from '@/services/session';
import MySubmissionsPage from './index';

const contact: Me = {
  ...visitor,
  unit: { id: 3, name: '示例会员单位', level: 'member', status: 'active', isPrimaryContact: false },
};

const row = (overrides: Parameters<typeof submission>[0]) => {
  const { body: _body, ...rest } = submission(overrides);
  return rest;
};

beforeEach(() => {
  storage.clear();
  session.reset();
});

test("the unit's submissions with their states and a rejection's reason; 我要投稿 and a row open their pages", async () => {
  serveBy((call) => (call.path === '/api/auth/wechat' ? login(contact) : ok({})));
  await act(() => session.start());
  const calls = serveBy(() =>
    ok({
      items: [
        row({ id: 1, title: '待审的投稿' }),
        row({ id: 2, title: '已发的投稿', state: 'published' }),
        row({ id: 3, title: '退回的投稿', state: 'rejected', rejectReason: '请补充图片' }),
      ],
      nextCursor: null,
    }),
  );
  render(<MySubmissionsPage />);
  await screen.findByText('待审的投稿');
  expect(calls[0]?.path).toBe('/api/submissions?limit=20');
  expect([...document.querySelectorAll('.submit-state')].map((el) => el.textContent)).toEqual([
    '待审核',
    '已发布',
    '未通过',
  ]);
  expect(screen.getByText('未通过原因：请补充图片')).toBeTruthy();
  fireEvent.click(screen.getByText('退回的投稿'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/submit/pages/detail/index?id=3' });
  fireEvent.click(screen.getByText('我要投稿'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/submit/pages/new/index' });
});

test('none yet: an invitation to submit', async () => {
  serveBy((call) =>
    call.path === '/api/auth/wechat' ? login(contact) : ok({ items: [], nextCursor: null }),
  );
  await act(() => session.start());
  render(<MySubmissionsPage />);
  await screen.findByText('还没有投稿，欢迎分享单位的风采与案例');
});
