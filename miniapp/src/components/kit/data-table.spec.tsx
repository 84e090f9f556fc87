import { fireEvent, render, screen, within } from '@testing-library/react';
import { ErrorCode } from '@itss/shared';
import { apiErrorOf } from '@/services/http';
import { DataTable, nextSort, sortRows, type DataColumn } from './data-table';
import { useKeysetList } from './use-keyset-list';

interface Unit {
  id: number;
  name: string;
  contacts: number;
  city: string | null;
}

interface Page {
  items: Unit[];
  nextCursor: string | null;
}

const COLUMNS: DataColumn<Unit>[] = [
  { key: 'name', title: '单位名称', cell: (unit) => unit.name, sortValue: (unit) => unit.name, width: 2 },
  {
    key: 'contacts',
    title: '联系人',
    cell: (unit) => `${unit.contacts} 位`,
    sortValue: (unit) => unit.contacts,
  },
  { key: 'city', title: '城市', cell: (unit) => unit.city ?? '—' },
];

const UNITS: Unit[] = [
  { id: 1, name: '北京甲科技', contacts: 3, city: '北京' },
  { id: 2, name: '杭州乙信息', contacts: 1, city: '杭州' },
  { id: 3, name: '安徽丙服务', contacts: 2, city: null },
];

function Table({
  load,
  onOpen,
}: {
  load: (cursor: string | null) => Promise<Page>;
  onOpen?: (unit: Unit) => void;
}) {
  const list = useKeysetList(load, (page) => page.nextCursor);
  return (
    <DataTable
      list={list}
      columns={COLUMNS}
      rowKey={(unit) => unit.id}
      onRowClick={onOpen}
      toolbar={<span>筛选工具栏</span>}
      emptyText="没有符合条件的会员单位"
    />
  );
}

/** The first cell of every body row, top to bottom. */
const firstColumn = () =>
  Array.from(document.querySelectorAll('.data-table__row:not(.data-table__row--head)')).map(
    (row) => row.querySelector('.data-table__cell')?.textContent,
  );

const header = (title: string) =>
  within(document.querySelector('.data-table__row--head') as HTMLElement).getByText(title);

test('a sortable header sorts the rows ascending, then descending; a plain one does nothing', async () => {
  render(<Table load={() => Promise.resolve({ items: UNITS, nextCursor: null })} />);
  await screen.findByText('北京甲科技');
  expect(firstColumn()).toEqual(['北京甲科技', '杭州乙信息', '安徽丙服务']);

  fireEvent.click(header('联系人'));
  expect(firstColumn()).toEqual(['杭州乙信息', '安徽丙服务', '北京甲科技']);
  expect(header('联系人').closest('[role="columnheader"]')?.getAttribute('aria-sort')).toBe('ascending');
  fireEvent.click(header('联系人'));
  expect(firstColumn()).toEqual(['北京甲科技', '安徽丙服务', '杭州乙信息']);
  expect(header('联系人').closest('[role="columnheader"]')?.getAttribute('aria-sort')).toBe('descending');

  // Chinese names sort by pinyin: 安徽 (an), 北京 (bei), 杭州 (hang).
  fireEvent.click(header('单位名称'));
  expect(firstColumn()).toEqual(['安徽丙服务', '北京甲科技', '杭州乙信息']);

  fireEvent.click(header('城市'));
  expect(firstColumn()).toEqual(['安徽丙服务', '北京甲科技', '杭州乙信息']);
  expect(header('城市').closest('[role="columnheader"]')?.getAttribute('aria-sort')).toBeNull();
  expect(screen.getByText('共 3 条 · 没有更多了')).toBeTruthy();
});

test('a click on a row opens that record', async () => {
  const onOpen = jest.fn();
  render(<Table load={() => Promise.resolve({ items: UNITS, nextCursor: null })} onOpen={onOpen} />);
  fireEvent.click(await screen.findByText('杭州乙信息'));
  expect(onOpen).toHaveBeenCalledWith(UNITS[1]);
});

test('加载更多 loads the next page; while more exist a sort says it orders the rows loaded so far', async () => {
  const load = jest.fn((cursor: string | null) =>
    Promise.resolve(
      cursor
        ? { items: [{ id: 4, name: '成都丁运维', contacts: 5, city: '成都' }], nextCursor: null }
        : { items: UNITS, nextCursor: 'c1' },
    ),
  );
  render(<Table load={load} />);
  await screen.findByText('北京甲科技');
  expect(screen.queryByText(/已按所选列排列/)).toBeNull();
  fireEvent.click(header('联系人'));
  expect(screen.getByText('已按所选列排列已加载的 3 条，加载更多后一并排列')).toBeTruthy();

  fireEvent.click(screen.getByText('加载更多'));
  await screen.findByText('成都丁运维');
  expect(load).toHaveBeenLastCalledWith('c1');
  // The sort stays and takes in the new page.
  expect(firstColumn()).toEqual(['杭州乙信息', '安徽丙服务', '北京甲科技', '成都丁运维']);
  expect(screen.queryByText('加载更多')).toBeNull();
  expect(screen.getByText('共 4 条 · 没有更多了')).toBeTruthy();
});

test('the toolbar and the header stay while the rows load, fail or are none', async () => {
  const load = jest
    .fn<Promise<Page>, [string | null]>()
    .mockRejectedValueOnce(apiErrorOf(ErrorCode.NetworkError))
    .mockResolvedValueOnce({ items: [], nextCursor: null });
  render(<Table load={load} />);
  expect(screen.getByText('筛选工具栏')).toBeTruthy();
  expect(screen.getByText('加载中…')).toBeTruthy();
  expect(header('单位名称')).toBeTruthy();
  fireEvent.click(await screen.findByText('重试'));
  await screen.findByText('没有符合条件的会员单位');
  expect(screen.getByText('筛选工具栏')).toBeTruthy();
  expect(load).toHaveBeenCalledTimes(2);
});

test('nulls sort last either way; the first click on another column is ascending', () => {
  const byCity: DataColumn<Unit> = {
    key: 'city',
    title: '城市',
    cell: (unit) => unit.city,
    sortValue: (unit) => unit.city,
  };
  const names = (sorted: Unit[]) => sorted.map((unit) => unit.id);
  expect(names(sortRows(UNITS, [byCity], { key: 'city', direction: 'asc' }))).toEqual([1, 2, 3]);
  expect(names(sortRows(UNITS, [byCity], { key: 'city', direction: 'desc' }))).toEqual([2, 1, 3]);
  expect(nextSort({ key: 'name', direction: 'desc' }, 'city')).toEqual({ key: 'city', direction: 'asc' });
  expect(nextSort({ key: 'city', direction: 'desc' }, 'city')).toEqual({ key: 'city', direction: 'asc' });
});
