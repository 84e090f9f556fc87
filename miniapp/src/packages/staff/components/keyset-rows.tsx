import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { KeysetList } from '@/services/useKeysetList';

/** The rows of a keyset-paged staff list, then 加载更多 (or 没有更多了), and a failed page's error. */
export function KeysetRows<T>({
  list,
  onMore,
  children,
}: {
  list: KeysetList<T>;
  onMore: () => void;
  children: (item: T) => ReactNode;
}) {
  return (
    <>
      <View className="queue-list">{list.items.map(children)}</View>
      {list.moreError ? (
        <View className="queue-more-error" role="alert">
          {list.moreError.message}
        </View>
      ) : null}
      {list.hasMore ? (
        <Button
          className="queue-more"
          loading={list.loadingMore}
          disabled={list.loadingMore || undefined}
          onClick={onMore}
        >
          加载更多
        </Button>
      ) : (
        <Text className="queue-end">没有更多了</Text>
      )}
    </>
  );
}
