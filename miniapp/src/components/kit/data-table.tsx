import { Button, Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { ListRequestView } from './page-data';
import type { KeysetList, UseKeysetListResult } from './use-keyset-list';
import './data-table.scss';

export interface DataColumn<Item> {
  key: string;
  title: string;
  cell: (item: Item) => ReactNode;
  /** What the column sorts by; without it the header is not a sort control. Null sorts last. */
  sortValue?: (item: Item) => string | number | null;
  /** The column's share of the row's width (1 by default). */
  width?: number;
  /** Numbers and amounts line up at the end of the cell. */
  align?: 'start' | 'end';
}

export type SortDirection = 'asc' | 'desc';

export interface TableSort {
  key: string;
  direction: SortDirection;
}

/** A click on a header: that column ascending, or the other way round if it is already the sort. */
export function nextSort(current: TableSort | null, key: string): TableSort {
  return current?.key === key && current.direction === 'asc'
    ? { key, direction: 'desc' }
    : { key, direction: 'asc' };
}

// Names in Chinese sort by pinyin, as staff look them up in a printed list.
const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });

/**
 * The rows in the column's order. The list APIs page by a keyset cursor in one fixed order and take
 * no order parameter, so a sort orders the rows loaded so far; the footer says so while more exist.
 */
export function sortRows<Item>(
  items: readonly Item[],
  columns: readonly DataColumn<Item>[],
  sort: TableSort | null,
): Item[] {
  const value = sort ? columns.find((column) => column.key === sort.key)?.sortValue : undefined;
  if (!sort || !value) return [...items];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order =
      typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return sign * order;
  });
}

interface DataTableProps<Item> {
  list: UseKeysetListResult<Item>;
  columns: readonly DataColumn<Item>[];
  rowKey: (item: Item) => string | number;
  /** Opens the record; the whole row is the target. */
  onRowClick?: (item: Item) => void;
  /** Filters, search and actions above the table; stays while the rows load or fail. */
  toolbar?: ReactNode;
  emptyText: string;
  endText?: string;
  className?: string;
  /** The sort, when the page keeps it (so it survives a new filter); else the table keeps its own. */
  sort?: TableSort | null;
  onSortChange?: (sort: TableSort) => void;
}

const ARROWS: Record<SortDirection, string> = { asc: '↑', desc: '↓' };
const ARIA_SORT: Record<SortDirection, 'ascending' | 'descending'> = {
  asc: 'ascending',
  desc: 'descending',
};

/**
 * A staff list at a desk: a header of columns (those with a sort value sort on click), one row per
 * record, 加载更多 at the bottom for the next keyset page, and the kit's loading, error and empty
 * states under the header. The phone shows the same list as cards.
 */
export function DataTable<Item>({
  list,
  columns,
  rowKey,
  onRowClick,
  toolbar,
  emptyText,
  endText = '没有更多了',
  className,
  sort: controlled,
  onSortChange,
}: DataTableProps<Item>) {
  const [own, setOwn] = useState<TableSort | null>(null);
  const sort = controlled === undefined ? own : controlled;
  const grid = { gridTemplateColumns: columns.map((column) => `${column.width ?? 1}fr`).join(' ') };
  const changeSort = (key: string) => {
    const next = nextSort(sort, key);
    setOwn(next);
    onSortChange?.(next);
  };
  const body = (loaded: KeysetList<Item>) => (
    <>
      {sortRows(loaded.items, columns, sort).map((item) => (
        <View
          key={rowKey(item)}
          className={onRowClick ? 'data-table__row data-table__row--link' : 'data-table__row'}
          role="row"
          style={grid}
          onClick={onRowClick ? () => onRowClick(item) : undefined}
        >
          {columns.map((column) => (
            <View
              key={column.key}
              className={`data-table__cell data-table__cell--${column.align ?? 'start'}`}
              role="cell"
            >
              {column.cell(item)}
            </View>
          ))}
        </View>
      ))}
      <Footer list={loaded} sorted={sort !== null} endText={endText} onMore={() => void list.loadMore()} />
    </>
  );
  return (
    <View className={className ? `data-table ${className}` : 'data-table'}>
      {toolbar ? <View className="data-table__toolbar">{toolbar}</View> : null}
      <View className="data-table__table" role="table">
        <View className="data-table__row data-table__row--head" role="row" style={grid}>
          {columns.map((column) => {
            const active = sort?.key === column.key ? sort.direction : null;
            if (!column.sortValue)
              return (
                <View key={column.key} className="data-table__header" role="columnheader">
                  {column.title}
                </View>
              );
            return (
              <View
                key={column.key}
                className={`data-table__header data-table__header--sortable${active ? ' data-table__header--sorted' : ''}`}
                role="columnheader"
                aria-sort={active ? ARIA_SORT[active] : 'none'}
                onClick={() => changeSort(column.key)}
              >
                {column.title}
                <Text className="data-table__arrow">{active ? ARROWS[active] : '↕'}</Text>
              </View>
            );
          })}
        </View>
        <ListRequestView request={list} emptyText={emptyText}>
          {body}
        </ListRequestView>
      </View>
    </View>
  );
}

function Footer<Item>({
  list,
  sorted,
  endText,
  onMore,
}: {
  list: KeysetList<Item>;
  sorted: boolean;
  endText: string;
  onMore: () => void;
}) {
  return (
    <View className="data-table__footer">
      {list.moreError ? (
        <View className="data-table__more-error" role="alert">
          {list.moreError.message}
        </View>
      ) : null}
      {list.hasMore ? (
        <>
          {sorted ? (
            <Text className="data-table__note">
              已按所选列排列已加载的 {list.items.length} 条，加载更多后一并排列
            </Text>
          ) : null}
          <Button
            className="data-table__more"
            size="mini"
            loading={list.loadingMore}
            disabled={list.loadingMore || undefined}
            onClick={onMore}
          >
            加载更多
          </Button>
        </>
      ) : (
        <Text className="data-table__end">
          共 {list.items.length} 条 · {endText}
        </Text>
      )}
    </View>
  );
}
