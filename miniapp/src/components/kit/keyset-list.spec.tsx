import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode } from '@itss/shared';
import { stopPullDownRefresh, useDidShow, usePullDownRefresh, useReachBottom } from '@test/taro-mock';
import { apiErrorOf } from '@/services/http';
import { KeysetListView, useKeysetPage, type KeysetPageOptions } from './keyset-list';

interface Page {
  items: string[];
  nextCursor: string | null;
}

function List({
  load,
  options,
  header,
}: {
  load: (cursor: string | null) => Promise<Page>;
  options?: KeysetPageOptions;
  header?: boolean;
}) {
  const list = useKeysetPage(load, (page) => page.nextCursor, options);
  return (
    <KeysetListView
      list={list}
      block="things"
      emptyText="暂无内容"
      endText="没有更早的了"
      header={header ? <span>工具栏</span> : undefined}
    >
      {(item) => <span key={item}>{item}</span>}
    </KeysetListView>
  );
}

/** The callback the page gave the latest render's lifecycle hook. */
const last = (mock: { mock: { lastCall?: [() => void] } }) => () => mock.mock.lastCall?.[0]();

test('shows the first page, the next one at the bottom, and the end text after the last', async () => {
  const load = jest.fn((cursor: string | null) =>
    Promise.resolve(cursor ? { items: ['乙'], nextCursor: null } : { items: ['甲'], nextCursor: 'c1' }),
  );
  render(<List load={load} header />);
  await screen.findByText('甲');
  expect(screen.getByText('工具栏')).toBeTruthy();
  expect(document.querySelector('.things-list')).not.toBeNull();
  expect(screen.getByText('加载更多')).toBeTruthy();
  act(last(useReachBottom));
  await screen.findByText('乙');
  expect(load).toHaveBeenLastCalledWith('c1');
  expect(screen.getByText('没有更早的了')).toBeTruthy();
  expect(screen.queryByText('加载更多')).toBeNull();
});

test('an empty first page says so; a failed one offers 重试, which loads again', async () => {
  const load = jest
    .fn<Promise<Page>, [string | null]>()
    .mockRejectedValueOnce(apiErrorOf(ErrorCode.NetworkError))
    .mockResolvedValueOnce({ items: [], nextCursor: null });
  render(<List load={load} />);
  fireEvent.click(await screen.findByText('重试'));
  await screen.findByText('暂无内容');
});

test('a next page that fails keeps the rows and shows why; 加载更多 asks again', async () => {
  const load = jest
    .fn<Promise<Page>, [string | null]>()
    .mockResolvedValueOnce({ items: ['甲'], nextCursor: 'c1' })
    .mockRejectedValueOnce(apiErrorOf(ErrorCode.NetworkError))
    .mockResolvedValueOnce({ items: ['乙'], nextCursor: null });
  render(<List load={load} options={{ reachBottom: false }} />);
  await screen.findByText('甲');
  // Without reach-bottom only the button loads more.
  act(last(useReachBottom));
  expect(load).toHaveBeenCalledTimes(1);
  fireEvent.click(screen.getByText('加载更多'));
  expect(await screen.findByRole('alert')).toBeTruthy();
  expect(screen.getByText('甲')).toBeTruthy();
  fireEvent.click(screen.getByText('加载更多'));
  await screen.findByText('乙');
});

test('pull-to-refresh starts over and stops the spinner; shown again, it refreshes only when asked', async () => {
  let round = 0;
  const load = jest.fn(() => Promise.resolve({ items: [`第${(round += 1)}次`], nextCursor: null }));
  render(<List load={load} options={{ refreshOnShow: true }} />);
  await screen.findByText('第1次');
  act(last(usePullDownRefresh));
  await screen.findByText('第2次');
  expect(stopPullDownRefresh).toHaveBeenCalled();
  // The first show is the page opening: it loads already.
  act(last(useDidShow));
  expect(load).toHaveBeenCalledTimes(2);
  act(last(useDidShow));
  await screen.findByText('第3次');
});
