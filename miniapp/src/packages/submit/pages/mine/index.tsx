import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { ARTICLE_CATEGORY_NAMES, ARTICLE_STATE_NAMES, type SubmissionListItem } from '@itss/shared';
import { useRef } from 'react';
import { EmptyState, Loading, RequestView } from '@/components/state';
import { getSubmissions } from '@/packages/submit/api';
import { useSession } from '@/services/session';
import { useKeysetList } from '@/services/useKeysetList';
import { usePullToRefresh } from '@/services/usePullToRefresh';
import { formatBeijingTime } from '@/utils/format';
import '../../submit.scss';
import { ROUTES, routeUrl } from '@/routes';

function SubmissionRow({ item }: { item: SubmissionListItem }) {
  return (
    <View
      className="submit-row"
      onClick={() => void Taro.navigateTo({ url: routeUrl(ROUTES.submission, { id: item.id }) })}
    >
      <View className="submit-row__head">
        <Text className="submit-row__title">{item.title}</Text>
        <Text className={`submit-state submit-state--${item.state}`}>{ARTICLE_STATE_NAMES[item.state]}</Text>
      </View>
      <Text className="submit-row__meta">
        {ARTICLE_CATEGORY_NAMES[item.category]} · {item.submitterName} · {formatBeijingTime(item.submittedAt)}
      </Text>
      {item.state === 'rejected' && item.rejectReason ? (
        <Text className="submit-row__reason">未通过原因：{item.rejectReason}</Text>
      ) : null}
    </View>
  );
}

/** The unit's submissions, whoever of its contacts sent them, newest first. */
function Submissions() {
  const { state, reload, refresh, loadMore } = useKeysetList(
    (cursor: string | null) => getSubmissions(undefined, cursor),
    (page) => page.nextCursor,
  );
  usePullToRefresh(refresh);
  useReachBottom(() => void loadMore());
  const shownRef = useRef(false);
  // Back from the form: the new submission belongs at the top.
  useDidShow(() => {
    if (shownRef.current) void refresh();
    shownRef.current = true;
  });
  return (
    <RequestView
      state={state}
      onRetry={() => void reload()}
      isEmpty={(list) => !list.items.length}
      emptyText="还没有投稿，欢迎分享单位的风采与案例"
    >
      {(list) => (
        <>
          <View className="submit-list">
            {list.items.map((item) => (
              <SubmissionRow key={item.id} item={item} />
            ))}
          </View>
          {list.moreError ? (
            <View className="submit-more-error" role="alert">
              {list.moreError.message}
            </View>
          ) : null}
          {list.hasMore ? (
            <Button
              className="submit-more"
              loading={list.loadingMore}
              disabled={list.loadingMore || undefined}
              onClick={() => void loadMore()}
            >
              加载更多
            </Button>
          ) : (
            <Text className="submit-end">没有更多了</Text>
          )}
        </>
      )}
    </RequestView>
  );
}

export default function MySubmissionsPage() {
  const session = useSession();
  if (session.status === 'loading') return <Loading />;
  if (session.status !== 'signedIn' || !session.me.unit)
    return (
      <View className="page submit-page">
        <EmptyState text="仅会员单位的联系人可以投稿，请先加入所在单位" />
      </View>
    );
  return (
    <View className="page submit-page">
      <View className="submit-intro">
        <Text className="submit-intro__text">
          以{session.me.unit.name}的名义投稿会员风采或优秀案例，审核通过后发布在资讯中。
        </Text>
        <Button
          className="submit-button submit-button--primary submit-intro__new"
          onClick={() => void Taro.navigateTo({ url: routeUrl(ROUTES.submissionNew) })}
        >
          我要投稿
        </Button>
      </View>
      <Submissions />
    </View>
  );
}
