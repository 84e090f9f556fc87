import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ARTICLE_CATEGORY_NAMES, type SubmissionListItem } from '@itss/shared';
import { getSubmissions } from '@/packages/submit/api';
import { KeysetListView, useKeysetPage } from '@/components/kit/keyset-list';
import { formatBeijingTime } from '@/utils/format';
import '@/packages/staff/components/queue.scss';
import '@/packages/staff/components/articles.scss';
import { ROUTES, routeUrl } from '@/routes';
import { staffOnly } from '@/components/kit/staff-page';

function SubmissionRow({ item }: { item: SubmissionListItem }) {
  return (
    <View
      className="queue-row submission-row"
      onClick={() => void Taro.navigateTo({ url: routeUrl(ROUTES.submissionReview, { id: item.id }) })}
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
function SubmissionsPage() {
  // Back from a decision: that submission has left the queue.
  const list = useKeysetPage(
    (cursor: string | null) => getSubmissions('in_review', cursor),
    (page) => page.nextCursor,
    { refreshOnShow: true },
  );
  return (
    <View className="page staff-page submissions-page">
      <KeysetListView list={list} block="queue" emptyText="暂无待审核的投稿">
        {(item) => <SubmissionRow key={item.id} item={item} />}
      </KeysetListView>
    </View>
  );
}

export default staffOnly(SubmissionsPage);
