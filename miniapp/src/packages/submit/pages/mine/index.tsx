import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ARTICLE_CATEGORY_NAMES, ARTICLE_STATE_NAMES, type SubmissionListItem } from '@itss/shared';
import { StatusBadge } from '@/components/kit/badges';
import { EmptyState, Loading } from '@/components/state';
import { getSubmissions } from '@/packages/submit/api';
import { useSession } from '@/services/session';
import { KeysetListView, useKeysetPage } from '@/components/kit/keyset-list';
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
        <StatusBadge block="submit-state" state={item.state} names={ARTICLE_STATE_NAMES} />
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
  // Back from the form: the new submission belongs at the top.
  const list = useKeysetPage(
    (cursor: string | null) => getSubmissions(undefined, cursor),
    (page) => page.nextCursor,
    { refreshOnShow: true },
  );
  return (
    <KeysetListView list={list} block="submit" emptyText="还没有投稿，欢迎分享单位的风采与案例">
      {(item) => <SubmissionRow key={item.id} item={item} />}
    </KeysetListView>
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
