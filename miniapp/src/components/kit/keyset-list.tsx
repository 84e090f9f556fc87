import { Button, Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { useCallback, useState, type ReactNode } from 'react';
import { ListBox, ListRequestView } from './page-data';
import { useKeysetList, type KeysetList, type UseKeysetListResult } from './use-keyset-list';
import { usePullToRefresh } from './use-pull-to-refresh';
import { useRefreshOnShow } from './use-refresh-on-show';

export interface KeysetPageOptions {
  /** Loads the next page when the person scrolls to the bottom (default); else only 加载更多 does. */
  reachBottom?: boolean;
  /** Refreshes when the page is shown again: another page changes what this list shows. */
  refreshOnShow?: boolean;
}

/**
 * A page's keyset list with the page's gestures: pull-to-refresh, reach-bottom and, when asked,
 * refresh-on-show. One per page: a page has one pull-down and one bottom.
 */
export function useKeysetPage<Page extends { items: readonly unknown[] }, Cursor>(
  load: (cursor: Cursor | null) => Promise<Page>,
  cursorOf: (page: Page) => Cursor | null | undefined,
  { reachBottom = true, refreshOnShow = false }: KeysetPageOptions = {},
): UseKeysetListResult<Page['items'][number]> {
  const list = useKeysetList(load, cursorOf);
  usePullToRefresh(list.refresh);
  useReachBottom(() => {
    if (reachBottom) void list.loadMore();
  });
  useRefreshOnShow(refreshOnShow ? list.refresh : null);
  return list;
}

interface KeysetRowsProps<Item> {
  list: KeysetList<Item>;
  onMore: () => void;
  /** The stylesheet's prefix: `<block>-list`, `<block>-more-error`, `<block>-more`, `<block>-end`. */
  block: string;
  /** Said under the last page. */
  endText?: string;
  /** The rows sit in a card rather than on the page. */
  card?: boolean;
  children: (item: Item) => ReactNode;
}

/** The rows loaded so far, then 加载更多 (or the end), and the error of a next page that failed. */
export function KeysetRows<Item>({
  list,
  onMore,
  block,
  endText = '没有更多了',
  card = false,
  children,
}: KeysetRowsProps<Item>) {
  const rows = list.items.map(children);
  return (
    <>
      <ListBox className={`${block}-list`} card={card}>
        {rows}
      </ListBox>
      {list.moreError ? (
        <View className={`${block}-more-error`} role="alert">
          {list.moreError.message}
        </View>
      ) : null}
      {list.hasMore ? (
        <Button
          className={`${block}-more`}
          loading={list.loadingMore}
          disabled={list.loadingMore || undefined}
          onClick={onMore}
        >
          加载更多
        </Button>
      ) : (
        <Text className={`${block}-end`}>{endText}</Text>
      )}
    </>
  );
}

interface KeysetListViewProps<Item> extends Omit<KeysetRowsProps<Item>, 'list' | 'onMore'> {
  list: UseKeysetListResult<Item>;
  /** Shown instead of the rows when the first page is empty. */
  emptyText: string;
  /** Above the rows once there are some (a toolbar that acts on them). */
  header?: ReactNode;
}

/** Loading, the error with 重试, the empty text, or the rows: the body of every keyset list page. */
export function KeysetListView<Item>({ list, emptyText, header, ...rows }: KeysetListViewProps<Item>) {
  return (
    <ListRequestView request={list} emptyText={emptyText}>
      {(loaded) => (
        <>
          {header}
          <KeysetRows list={loaded} onMore={() => void list.loadMore()} {...rows} />
        </>
      )}
    </ListRequestView>
  );
}

/**
 * A list page's filters: `patch` changes some of them, and `key` changes with them, so the list
 * keyed by it is mounted anew and its paging starts over.
 */
export function useFilters<Filters extends object>(
  initial: Filters,
): { filters: Filters; patch: (change: Partial<Filters>) => void; key: string } {
  const [filters, setFilters] = useState(initial);
  const patch = useCallback(
    (change: Partial<Filters>) => setFilters((previous) => ({ ...previous, ...change })),
    [],
  );
  return { filters, patch, key: JSON.stringify(filters) };
}
