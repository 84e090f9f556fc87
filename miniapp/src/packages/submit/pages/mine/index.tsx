import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ARTICLE_CATEGORY_NAMES, ARTICLE_STATE_NAMES, type SubmissionListItem } from '@itss/shared';
import { StatusBadge } from '@/components/kit/badges';
import { getSubmissions } from '@/packages/submit/api';
import { KeysetListView, useKeysetPage } from '@/components/kit/keyset-list';
import { formatBeijingTime } from '@/utils/format';
import { UnitContactsOnly } from '../../unit-contacts-only';
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
  return (
    <UnitContactsOnly>
      {(unit) => (
        <View className="page submit-page">
          <View className="submit-intro">
            <Text className="submit-intro__text">
              以{unit.name}的名义投稿会员风采或优秀案例，审核通过后发布在资讯中。
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
      )}
    </UnitContactsOnly>
  );
}
