import { View } from '@tarojs/components';
import type { ComponentType, ReactNode } from 'react';
import { Card } from '@/components/section';
import { RequestView } from '@/components/state';
import { useRequest, type UseRequestResult } from '@/services/useRequest';
import { usePullToRefresh } from './use-pull-to-refresh';

/** What a page shows, loaded on open and again on the pull-down gesture. */
export function usePageData<T>(load: () => Promise<T>): UseRequestResult<T> {
  const request = useRequest(load);
  usePullToRefresh(request.refresh);
  return request;
}

interface ItemsViewProps<Item> {
  request: Pick<UseRequestResult<{ items: readonly Item[] }>, 'state' | 'reload'>;
  emptyText: string;
  /** The rows' box; a card unless `card` is false. */
  className: string;
  card?: boolean;
  children: (item: Item) => ReactNode;
}

/** A list's request: loading, the error with 重试, the empty text, or what `children` makes of it. */
export function ListRequestView<List extends { items: readonly unknown[] }>({
  request,
  emptyText,
  children,
}: {
  request: Pick<UseRequestResult<List>, 'state' | 'reload'>;
  emptyText: string;
  children: (list: List) => ReactNode;
}) {
  return (
    <RequestView
      state={request.state}
      onRetry={() => void request.reload()}
      isEmpty={(list) => !list.items.length}
      emptyText={emptyText}
    >
      {children}
    </RequestView>
  );
}

/** The box of a list's rows: a card, or the page's own. */
export function ListBox({
  className,
  card,
  children,
}: {
  className: string;
  card: boolean;
  children: ReactNode;
}) {
  return card ? <Card className={className}>{children}</Card> : <View className={className}>{children}</View>;
}

/** A list loaded in one piece: loading, error with 重试, the empty text, or its rows. */
export function ItemsView<Item>({
  request,
  emptyText,
  className,
  card = true,
  children,
}: ItemsViewProps<Item>) {
  return (
    <ListRequestView request={request} emptyText={emptyText}>
      {(list) => (
        <ListBox className={className} card={card}>
          {list.items.map(children)}
        </ListBox>
      )}
    </ListRequestView>
  );
}

/** A page that shows one thing, loaded with the page (and on pull-down): `content` gets it as `data`. */
export function DataPage<T>({
  className,
  load,
  content: Content,
}: {
  className: string;
  load: () => Promise<T>;
  content: ComponentType<{ data: T }>;
}) {
  const { state, reload } = usePageData(load);
  return (
    <View className={className}>
      <RequestView state={state} onRetry={() => void reload()}>
        {(data) => <Content data={data} />}
      </RequestView>
    </View>
  );
}
