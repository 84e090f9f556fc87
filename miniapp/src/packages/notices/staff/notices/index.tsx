import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { NOTICE_STATE_NAMES, type Notice, type NoticeAudience } from '@itss/shared';
import { KeysetListView, useKeysetPage } from '@/components/kit/keyset-list';
import { staffOnly } from '@/components/kit/staff-page';
import { ROUTES, routeUrl } from '@/routes';
import { formatBeijingTime, levelName } from '@/utils/format';
import { getNotices } from '@/packages/notices/api';
import '@/packages/staff/components/queue.scss';
import './index.scss';

function audienceText(audience: NoticeAudience): string {
  switch (audience.kind) {
    case 'all':
      return '全体会员单位';
    case 'levels':
      return audience.levels.map(levelName).join('、');
    case 'units':
      return `${audience.unitIds.length} 家指定单位`;
  }
}

/** One notice with how far it got: recipients, WeChat deliveries, reads. */
function NoticeRow({ notice }: { notice: Notice }) {
  return (
    <View className="queue-row notice-row">
      <View className="queue-row__head">
        <Text className="queue-row__unit notice-row__title">{notice.title}</Text>
        <Text className={`notice-state notice-state--${notice.state}`}>
          {NOTICE_STATE_NAMES[notice.state]}
        </Text>
      </View>
      <Text className="notice-row__text">{notice.text}</Text>
      {notice.link?.title ? <Text className="queue-row__meta">链接文章：{notice.link.title}</Text> : null}
      <View className="notice-counts">
        <View className="notice-counts__item">
          <Text className="notice-counts__value notice-counts__recipients">{notice.recipients}</Text>
          <Text className="notice-counts__label">收到</Text>
        </View>
        <View className="notice-counts__item">
          <Text className="notice-counts__value notice-counts__wechat">{notice.wechatSent}</Text>
          <Text className="notice-counts__label">微信送达</Text>
        </View>
        <View className="notice-counts__item">
          <Text className="notice-counts__value notice-counts__read">{notice.read}</Text>
          <Text className="notice-counts__label">已读</Text>
        </View>
      </View>
      <Text className="queue-row__meta">
        {audienceText(notice.audience)} · {notice.createdBy} 发送于 {formatBeijingTime(notice.createdAt)}
      </Text>
    </View>
  );
}

function NoticesPage() {
  const list = useKeysetPage(getNotices, (page) => page.nextCursor, { refreshOnShow: true });
  return (
    <View className="page staff-page notices">
      <View className="notices__head">
        <Text className="staff-tip notices__tip">
          通知发送到所选单位全体联系人的「我的 → 消息」，已授权的联系人同时收到微信服务通知。
        </Text>
        <Button
          className="notices__new"
          onClick={() => void Taro.navigateTo({ url: routeUrl(ROUTES.noticeNew) })}
        >
          发送通知
        </Button>
      </View>
      <KeysetListView list={list} block="queue" emptyText="还没有发送过通知">
        {(notice) => <NoticeRow key={notice.id} notice={notice} />}
      </KeysetListView>
    </View>
  );
}

export default staffOnly(NoticesPage);
