import { Button, Text, View } from '@tarojs/components';
import { EVENT_KIND_NAMES, type Registration } from '@itss/shared';
import { usePageData } from '@/components/kit/page-data';
import { SignedInPage } from '@/components/kit/signed-in-page';
import { useRefreshOnShow } from '@/components/kit/use-refresh-on-show';
import { Section } from '@/components/section';
import { ErrorState, Loading } from '@/components/state';
import { ROUTES } from '@/routes';
import { openPage } from '@/utils/actions';
import { formatBeijingTime } from '@/utils/format';
import { getMyRegistrations } from '@/packages/events/api';
import { RegistrationBadge } from '@/packages/events/components/registration-badge';
import { placeText, timeRange } from '@/packages/events/format';
import './index.scss';

/** What the person should do or know now, under the registration's state. */
function nextStep(registration: Registration): string | null {
  const until = registration.holdExpiresAt ? formatBeijingTime(registration.holdExpiresAt) : null;
  switch (registration.state) {
    case 'awaiting_payment':
      return until ? `请于 ${until} 前完成支付` : '请尽快完成支付';
    case 'offered':
      return until ? `候补名额已为您保留，请于 ${until} 前确认` : '候补名额已为您保留，请尽快确认';
    case 'waitlisted':
      return registration.position ? `候补第 ${registration.position} 位` : '候补中';
    case 'confirmed':
      if (registration.bookingId !== null && registration.name === null) return '请填写参会人';
      if (registration.surveyOpen) return '欢迎填写满意度评价';
      if (registration.certificateAvailable) return '培训证明可下载';
      return registration.checkedInAt ? null : '签到时出示电子票二维码';
    case 'cancelled':
      return null;
  }
}

function RegistrationCard({ registration }: { registration: Registration }) {
  const step = nextStep(registration);
  const urgent = registration.state === 'awaiting_payment' || registration.state === 'offered';
  return (
    <View
      className={`my-event my-event--${registration.state}`}
      onClick={() => openPage(ROUTES.ticket, { id: registration.id })}
    >
      <View className="my-event__head">
        <Text className="my-event__kind">{EVENT_KIND_NAMES[registration.eventKind]}</Text>
        <RegistrationBadge registration={registration} />
      </View>
      <Text className="my-event__title">{registration.eventTitle}</Text>
      <Text className="my-event__line">
        {registration.sessionTitle} · {timeRange(registration.startsAt, registration.endsAt)}
      </Text>
      {registration.bookingId !== null ? (
        <Text className="my-event__line">单位预订 · 参会人：{registration.name ?? '待填写'}</Text>
      ) : null}
      <Text className="my-event__line">{placeText(registration.place)}</Text>
      {registration.eventState === 'cancelled' ? (
        <Text className="my-event__step my-event__step--urgent">活动已取消</Text>
      ) : step ? (
        <Text className={urgent ? 'my-event__step my-event__step--urgent' : 'my-event__step'}>{step}</Text>
      ) : null}
      <Text className="my-event__open">
        {registration.state === 'confirmed' ? '查看电子票 ›' : '查看详情 ›'}
      </Text>
    </View>
  );
}

/** Upcoming (not ended, not cancelled) first, soonest first; the rest after, latest first. */
function splitRegistrations(items: readonly Registration[], now = Date.now()) {
  const upcoming = items
    .filter((item) => item.state !== 'cancelled' && Date.parse(item.endsAt) >= now)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const past = items
    .filter((item) => !upcoming.includes(item))
    .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  return { upcoming, past };
}

function Empty() {
  return (
    <View className="my-events-empty">
      <Text className="my-events-empty__title">您还没有报名活动</Text>
      <Text className="my-events-empty__text">
        宣贯培训、ITSS 会议周、专题讲座与会员沙龙，都可以在线报名。
      </Text>
      <Button className="my-events-empty__button" onClick={() => openPage(ROUTES.events)}>
        浏览活动
      </Button>
    </View>
  );
}

function MyEvents() {
  const { state, reload, refresh } = usePageData(getMyRegistrations);
  // Back from a ticket (paid, cancelled) or from registering: the states moved.
  useRefreshOnShow(refresh);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  if (!state.data.items.length) return <Empty />;
  const { upcoming, past } = splitRegistrations(state.data.items);
  return (
    <View className="my-events-content">
      <Section title="即将参加" hint={upcoming.length ? `${upcoming.length} 项` : undefined}>
        {upcoming.length ? (
          upcoming.map((registration) => (
            <RegistrationCard key={registration.id} registration={registration} />
          ))
        ) : (
          <Text className="my-events-none">暂无即将参加的活动</Text>
        )}
      </Section>
      {past.length ? (
        <Section title="已结束或已取消">
          {past.map((registration) => (
            <RegistrationCard key={registration.id} registration={registration} />
          ))}
        </Section>
      ) : null}
      <Text className="my-events-more" onClick={() => openPage(ROUTES.events)}>
        浏览更多活动 ›
      </Text>
    </View>
  );
}

/** 我的 → 我的活动: the person's registrations, their states, and the way to each ticket. */
export default function MyEventsPage() {
  return (
    <SignedInPage className="page my-events" loginText="登录后查看您报名的活动与电子票" content={MyEvents} />
  );
}
