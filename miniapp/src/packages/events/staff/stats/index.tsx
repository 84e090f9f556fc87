import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { EventDetail, EventStats } from '@itss/shared';
import { usePageData } from '@/components/kit/page-data';
import { staffOnly } from '@/components/kit/staff-page';
import { Card, Section } from '@/components/section';
import { RequestView } from '@/components/state';
import { formatFen } from '@/utils/format';
import { getEventForStaff, getEventStats } from '@/packages/events/api';
import {
  EventStateBadge,
  MissingEvent,
  eventIdOf,
  timeRange,
} from '@/packages/events/staff/components/parts';
import { AudienceChart, SessionChart, SurveyChart } from './chart';
import { Materials } from './materials';
import './index.scss';

function Figure({ label, value, tone }: { label: string; value: string | number; tone?: string }) {
  return (
    <View className={tone ? `event-figure event-figure--${tone}` : 'event-figure'}>
      <Text className="event-figure__value">{value}</Text>
      <Text className="event-figure__label">{label}</Text>
    </View>
  );
}

function Figures({ stats }: { stats: EventStats }) {
  const rate = stats.confirmed > 0 ? `${Math.floor((stats.attended * 100) / stats.confirmed)}%` : '—';
  return (
    <View className="event-figures">
      <Figure label="报名人数" value={stats.registered} />
      <Figure label="报名成功" value={stats.confirmed} tone="brand" />
      <Figure label="已签到" value={stats.attended} tone="success" />
      <Figure label="签到率" value={rate} />
      <Figure label="未到场" value={stats.noShows} tone="danger" />
      <Figure label="候补中" value={stats.waitlisted} tone="warning" />
      <Figure label="待支付 / 待确认" value={`${stats.awaitingPayment} / ${stats.offered}`} />
      <Figure label="已取消" value={stats.cancelled} />
      <Figure label="已收款" value={formatFen(stats.paidFen)} />
      <Figure label="已退款" value={formatFen(stats.refundedFen)} />
    </View>
  );
}

function Stats({ event, stats }: { event: EventDetail; stats: EventStats }) {
  return (
    <View className="page staff-page staff-page--wide event-stats">
      <View className="event-stats__head">
        <Text className="event-stats__title">{event.title}</Text>
        <EventStateBadge state={event.state} />
        <Text className="event-stats__time">{timeRange(event.startsAt, event.endsAt)}</Text>
      </View>
      <Figures stats={stats} />
      <Text className="staff-tip event-stats__note">「未到场」为活动结束后报名成功但未签到的人数。</Text>
      <View className="event-stats__columns">
        <Section title="按会员级别" className="event-stats__block">
          <Card className="event-stats__card">
            <AudienceChart byAudience={stats.byAudience} />
          </Card>
        </Section>
        <Section title="各场次" className="event-stats__block">
          <Card className="event-stats__card">
            <SessionChart sessions={stats.sessions} />
          </Card>
        </Section>
        <Section title="满意度评价" className="event-stats__block">
          <Card className="event-stats__card">
            <SurveyChart survey={stats.survey} />
          </Card>
        </Section>
        <Section title="活动资料" className="event-stats__block">
          <Card className="event-stats__card">
            <Materials eventId={event.id} />
          </Card>
        </Section>
      </View>
    </View>
  );
}

function Loader({ id }: { id: number }) {
  const { state, reload } = usePageData(() =>
    Promise.all([getEventForStaff(id), getEventStats(id)]).then(([event, stats]) => ({ event, stats })),
  );
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {({ event, stats }) => <Stats event={event} stats={stats} />}
    </RequestView>
  );
}

function EventStatsPage() {
  const id = eventIdOf(useRouter().params);
  return id === null ? <MissingEvent /> : <Loader id={id} />;
}

export default staffOnly(EventStatsPage);
