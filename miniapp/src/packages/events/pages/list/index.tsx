import { Text, View } from '@tarojs/components';
import { EVENT_KINDS, EVENT_KIND_NAMES, type EventKind } from '@itss/shared';
import { KeysetListView, useFilters, useKeysetPage } from '@/components/kit/keyset-list';
import { Tabs, tabsOf } from '@/components/kit/tabs';
import { ROUTES } from '@/routes';
import { useSession } from '@/services/session';
import { openPage } from '@/utils/actions';
import { getEvents } from '@/packages/events/api';
import { EventCard } from '@/packages/events/components/event-card';
import './index.scss';

interface Filters {
  kind?: EventKind;
}

const KIND_TABS = tabsOf(EVENT_KINDS, EVENT_KIND_NAMES);

/** One kind's list; a new kind mounts a new one, so paging starts over. */
function Events({ kind }: Filters) {
  const list = useKeysetPage(
    (cursor: string | null) => getEvents(kind, cursor),
    (page) => page.nextCursor,
  );
  return (
    <KeysetListView
      list={list}
      block="events"
      emptyText={kind ? `近期暂无${EVENT_KIND_NAMES[kind]}，敬请关注` : '近期暂无活动，敬请关注'}
      endText="没有更多活动了"
    >
      {(event) => <EventCard key={event.id} event={event} />}
    </KeysetListView>
  );
}

/** 活动报名: upcoming trainings, the 会议周, lectures and salons, by kind; 会员优先 marked. */
export default function EventsPage() {
  const { filters, patch, key } = useFilters<Filters>({});
  const session = useSession();
  return (
    <View className="page events">
      <View className="events-head">
        <Text className="events-head__title">培训与活动</Text>
        <Text className="events-head__desc">
          宣贯培训、ITSS 会议周、专题讲座与会员沙龙。会员单位联系人可优先报名。
        </Text>
        {session.status === 'signedIn' ? (
          <Text className="events-head__mine" onClick={() => openPage(ROUTES.myEvents)}>
            我的活动与电子票 ›
          </Text>
        ) : null}
      </View>
      <Tabs
        block="events-kinds"
        element="kind"
        scroll
        tabs={KIND_TABS}
        value={filters.kind}
        onChange={(kind) => patch({ kind })}
      />
      <Events key={key} kind={filters.kind} />
    </View>
  );
}
