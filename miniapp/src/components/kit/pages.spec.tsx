import { act, render, renderHook, screen } from '@testing-library/react';
import { login, ok, serveBy, visitor } from '@test/fixtures';
import { routerParams, usePullDownRefresh } from '@test/taro-mock';
import { session } from '@/services/session';
import { useFilters } from './keyset-list';
import { ItemsView, usePageData } from './page-data';
import { RecordPage } from './record-page';
import { SignedInPage } from './signed-in-page';

beforeEach(() => {
  for (const key of Object.keys(routerParams)) delete routerParams[key];
  session.reset();
});

test('a record page loads the record of ?id=, says when there is none, and never sends a bad id', async () => {
  const load = jest.fn((id: number) => Promise.resolve(id === 7 ? { name: '甲' } : null));
  routerParams.id = '7';
  const { unmount } = render(
    <RecordPage load={load} notFound="没有找到" className="page">
      {(record) => <span>{record.name}</span>}
    </RecordPage>,
  );
  await screen.findByText('甲');
  unmount();
  routerParams.id = '8';
  const second = render(
    <RecordPage load={load} notFound="没有找到">
      {(record) => <span>{record.name}</span>}
    </RecordPage>,
  );
  await screen.findByText('没有找到');
  second.unmount();
  routerParams.id = 'x';
  render(
    <RecordPage load={load} notFound="没有找到">
      {(record) => <span>{record.name}</span>}
    </RecordPage>,
  );
  await screen.findByText('没有找到');
  expect(load).toHaveBeenCalledTimes(2);
});

function Names({ load }: { load: () => Promise<{ items: string[] }> }) {
  const request = usePageData(load);
  return (
    <ItemsView request={request} emptyText="暂无" className="names">
      {(name) => <span key={name}>{name}</span>}
    </ItemsView>
  );
}

test('a list loaded in one piece shows its rows in a card, or the empty text; pull-down loads it again', async () => {
  const load = jest
    .fn<Promise<{ items: string[] }>, []>()
    .mockResolvedValueOnce({ items: [] })
    .mockResolvedValueOnce({ items: ['乙'] });
  render(<Names load={load} />);
  await screen.findByText('暂无');
  await act(async () => {
    usePullDownRefresh.mock.lastCall?.[0]();
    await Promise.resolve();
  });
  expect((await screen.findByText('乙')).closest('.card.names')).not.toBeNull();
});

test('filters change by patch, and their key with them', () => {
  const { result } = renderHook(() => useFilters<{ q?: string; level?: string }>({}));
  const first = result.current.key;
  act(() => result.current.patch({ q: '云' }));
  expect(result.current.filters).toEqual({ q: '云' });
  expect(result.current.key).not.toBe(first);
});

test('a signed-in page asks a signed-out person to log in, and shows the content once signed in', async () => {
  const { unmount } = render(
    <SignedInPage
      className="page"
      loginText="登录后查看消息"
      content={({ me }) => <span>{me.displayName}</span>}
    />,
  );
  await act(() => session.start());
  expect(screen.getByText('登录后查看消息')).toBeTruthy();
  unmount();
  serveBy((call) => (call.path === '/api/auth/wechat' ? login(visitor) : ok(visitor)));
  await act(() => session.start());
  render(
    <SignedInPage
      className="page"
      loginText="登录后查看消息"
      content={({ me }) => <span>{me.displayName}</span>}
    />,
  );
  await screen.findByText(visitor.displayName);
});
