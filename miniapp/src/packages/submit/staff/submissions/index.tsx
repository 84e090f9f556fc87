import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { ARTICLE_CATEGORY_NAMES, type SubmissionListItem } from '@itss/shared';
import { useRef } from 'react';
import { RequestView } from '@/components/state';
import { getSubmissions } from '@/services/article-manage';
import { useKeysetList } from '@/services/useKeysetList';
import { usePullToRefresh } from '@/services/usePullToRefresh';
import { formatBeijingTime } from '@/utils/format';
import { KeysetRows } from '@/packages/staff/components/keyset-rows';
import '@/packages/staff/components/queue.scss';
import '@/packages/staff/components/articles.scss';

function SubmissionRow({ item }: { item: SubmissionListItem }) {
  return (
    <View
      className="queue-row submission-row"
      onClick={() => void Taro.navigateTo({ url: `/packages/submit/staff/submission/index?id=${item.id}` })}
    >
      <View className="queue-row__head">
        <Text className="queue-row__unit">{item.unit.name}</Text>
        {item.flagged ? <Text className="article-state article-state--flagged">需人工复核</Text> : null}
      </View>
      <Text className="article-row__title">{item.title}</Text>
      <View className="article-row__tags">
        <Text className="queue-row__level">{ARTICLE_CATEGORY_NAMES[item.category]}</Text>
      </View>
      <Text className="queue-row__meta">
        {item.submitterName} 提交于 {formatBeijingTime(item.submittedAt)}
      </Text>
    </View>
  );
}

/** Submissions waiting for staff, oldest first (the server's order for the queue). */
export default function SubmissionsPage() {
  const { state, reload, refresh, loadMore } = useKeysetList(
    (cursor: string | null) => getSubmissions('in_review', cursor),
    (page) => page.nextCursor,
  );
  usePullToRefresh(refresh);
  useReachBottom(() => void loadMore());
  const shownRef = useRef(false);
  // Back from a decision: that submission has left the queue.
  useDidShow(() => {
    if (shownRef.current) void refresh();
    shownRef.current = true;
  });
  return (
    <View className="page staff-page submissions-page">
      <RequestView
        state={state}
        onRetry={() => void reload()}
        isEmpty={(list) => !list.items.length}
        emptyText="暂无待审核的投稿"
      >
        {(list) => (
          <KeysetRows list={list} onMore={() => void loadMore()}>
            {(item) => <SubmissionRow key={item.id} item={item} />}
          </KeysetRows>
        )}
      </RequestView>
    </View>
  );
}
