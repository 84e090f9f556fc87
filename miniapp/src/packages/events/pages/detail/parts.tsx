import { Text, View } from '@tarojs/components';
import {
  EVENT_AUDIENCE_NAMES,
  PRICE_AUDIENCES,
  PRICE_AUDIENCE_NAMES,
  formatFen,
  isTrainingKind,
  type EventDetail,
  type Registration,
} from '@itss/shared';
import type { ReactNode } from 'react';
import { Card, Section } from '@/components/section';
import { copyText, openPage } from '@/utils/actions';
import { formatBeijingTime } from '@/utils/format';
import { ROUTES } from '@/routes';
import { addToCalendar } from '@/packages/events/calendar';
import { RegistrationBadge } from '@/packages/events/components/registration-badge';
import { timeRange } from '@/packages/events/format';

function Fact({ label, value, children }: { label: string; value?: string; children?: ReactNode }) {
  return (
    <View className="event-fact">
      <Text className="event-fact__label">{label}</Text>
      <View className="event-fact__value">{value !== undefined ? <Text>{value}</Text> : children}</View>
    </View>
  );
}

/** When registration opens for members and for everyone, and when it closes. */
function scheduleText(event: EventDetail): string[] {
  const lines = [];
  if (event.membersFirst || event.publicOpensAt === null)
    lines.push(`会员单位联系人 ${formatBeijingTime(event.memberOpensAt)} 起`);
  if (event.publicOpensAt) lines.push(`公开报名 ${formatBeijingTime(event.publicOpensAt)} 起`);
  lines.push(`${formatBeijingTime(event.closesAt)} 截止`);
  return lines;
}

/** The paid event's prices per audience, the caller's first. */
function Prices({ event }: { event: EventDetail }) {
  if (event.priceToFen === 0) return <Text>免费</Text>;
  return (
    <View className="event-prices">
      <Text className="event-prices__mine">
        您的报名费：{event.myPriceFen ? formatFen(event.myPriceFen) : '免费'}
      </Text>
      {PRICE_AUDIENCES.map((audience) => (
        <Text key={audience} className="event-prices__line">
          {PRICE_AUDIENCE_NAMES[audience]}：
          {event.prices[audience] ? formatFen(event.prices[audience]) : '免费'}
        </Text>
      ))}
      <Text className="event-prices__rule">
        {event.refundFullUntilDays > 0
          ? `活动开始 ${event.refundFullUntilDays} 天前取消全额退款，之后取消不予退款。`
          : '报名后取消不予退款。'}
      </Text>
    </View>
  );
}

export function EventFacts({ event }: { event: EventDetail }) {
  const { place } = event;
  return (
    <Card className="event-facts">
      <Fact label="活动时间" value={timeRange(event.startsAt, event.endsAt)} />
      <Fact label={place.mode === 'offline' ? '活动地点' : '参加方式'}>
        {place.mode === 'offline' ? (
          <Text>{place.address}</Text>
        ) : (
          <>
            <Text>线上直播（视频号）</Text>
            <Text className="event-fact__link" onClick={() => void copyText(place.liveUrl)}>
              复制直播链接
            </Text>
          </>
        )}
      </Fact>
      <Fact label="报名时间">
        {scheduleText(event).map((line) => (
          <Text key={line} className="event-fact__line">
            {line}
          </Text>
        ))}
      </Fact>
      <Fact label="报名范围" value={EVENT_AUDIENCE_NAMES[event.audience]} />
      <Fact label="费用">
        <Prices event={event} />
      </Fact>
      {isTrainingKind(event.kind) && event.hours > 0 ? (
        <Fact label="培训学时" value={`${event.hours} 学时，签到参加后可下载培训证明`} />
      ) : null}
    </Card>
  );
}

export function EventSessions({ event }: { event: EventDetail }) {
  return (
    <Section
      title="场次与名额"
      hint={event.sessions.length > 1 ? `共 ${event.sessions.length} 个场次` : undefined}
    >
      <Card className="event-sessions">
        {event.sessions.map((session) => (
          <View key={session.id} className="event-session">
            <View className="event-session__main">
              <Text className="event-session__title">{session.title}</Text>
              <Text className="event-session__time">{timeRange(session.startsAt, session.endsAt)}</Text>
            </View>
            <View className="event-session__seats">
              {session.seatsLeft > 0 ? (
                <Text className="event-session__left">剩余 {session.seatsLeft}</Text>
              ) : (
                <Text className="event-session__full">已满</Text>
              )}
              <Text className="event-session__meta">
                共 {session.capacity} 个名额{session.waitlisted ? ` · ${session.waitlisted} 人候补` : ''}
              </Text>
            </View>
          </View>
        ))}
      </Card>
    </Section>
  );
}

/** The caller's registrations of this event: state, the ticket, the calendar. */
export function MyRegistrations({ registrations }: { registrations: Registration[] }) {
  if (!registrations.length) return null;
  return (
    <Section title="我的报名">
      <Card className="event-mine">
        {registrations.map((registration) => (
          <View key={registration.id} className="event-mine__row">
            <View className="event-mine__head">
              <Text className="event-mine__session">
                {registration.sessionTitle}
                {registration.bookingId !== null ? ` · ${registration.name ?? '参会人待填写'}` : ''}
              </Text>
              <RegistrationBadge registration={registration} />
            </View>
            {registration.state === 'waitlisted' && registration.position ? (
              <Text className="event-mine__hint">
                候补第 {registration.position} 位，有名额空出时会通知您
              </Text>
            ) : null}
            {registration.state === 'awaiting_payment' || registration.state === 'offered' ? (
              <Text className="event-mine__hint">
                名额保留至{' '}
                {registration.holdExpiresAt ? formatBeijingTime(registration.holdExpiresAt) : '截止时间'}
                ，请尽快{registration.state === 'offered' ? '确认' : '支付'}
              </Text>
            ) : null}
            <View className="event-mine__actions">
              <Text
                className="event-mine__action event-mine__action--primary"
                onClick={() => openPage(ROUTES.ticket, { id: registration.id })}
              >
                {registration.state === 'confirmed' ? '查看电子票' : '查看报名'}
              </Text>
              {registration.state === 'confirmed' ? (
                <Text className="event-mine__action" onClick={() => void addToCalendar(registration)}>
                  添加到日历
                </Text>
              ) : null}
            </View>
          </View>
        ))}
      </Card>
    </Section>
  );
}
