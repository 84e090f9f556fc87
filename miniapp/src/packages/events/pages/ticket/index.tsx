import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ErrorCode, EVENT_KIND_NAMES, RegistrationError, type Me, type Registration } from '@itss/shared';
import { useCallback, useState } from 'react';
import { usePageData } from '@/components/kit/page-data';
import { SignedInPage } from '@/components/kit/signed-in-page';
import { useRefreshOnShow } from '@/components/kit/use-refresh-on-show';
import { Card } from '@/components/section';
import { ErrorState, Loading } from '@/components/state';
import { ROUTES } from '@/routes';
import { copyText, openPage } from '@/utils/actions';
import { getRegistration } from '@/packages/events/api';
import { addToCalendar } from '@/packages/events/calendar';
import { RegistrationBadge } from '@/packages/events/components/registration-badge';
import { placeText, timeRange } from '@/packages/events/format';
import { AttendeePanel } from './attendee';
import { CertificatePanel, MaterialsPanel, SurveyPanel } from './after';
import { InvoicePanel } from './invoice';
import { CancelPanel, StatePanel } from './state-panel';
import { TicketCard } from './ticket-card';
import './index.scss';

const NOT_FOUND = new Set<string>([RegistrationError.NotFound, ErrorCode.NotFound]);

function Head({ registration }: { registration: Registration }) {
  const { place } = registration;
  return (
    <Card className="ticket-head">
      <View className="ticket-head__top">
        <Text className="ticket-head__kind">{EVENT_KIND_NAMES[registration.eventKind]}</Text>
        <RegistrationBadge registration={registration} />
      </View>
      <Text
        className="ticket-head__title"
        onClick={() => openPage(ROUTES.event, { id: registration.eventId })}
      >
        {registration.eventTitle}
      </Text>
      <View className="ticket-line">
        <Text className="ticket-line__label">场次</Text>
        <Text className="ticket-line__value">{registration.sessionTitle}</Text>
      </View>
      <View className="ticket-line">
        <Text className="ticket-line__label">时间</Text>
        <Text className="ticket-line__value">{timeRange(registration.startsAt, registration.endsAt)}</Text>
      </View>
      <View className="ticket-line">
        <Text className="ticket-line__label">{place.mode === 'offline' ? '地点' : '参加方式'}</Text>
        <Text className="ticket-line__value">{placeText(place)}</Text>
        {place.mode === 'online' ? (
          <Text className="ticket-line__action" onClick={() => void copyText(place.liveUrl)}>
            复制链接
          </Text>
        ) : null}
      </View>
      {registration.eventState === 'cancelled' ? (
        <View className="ticket-head__cancelled" role="alert">
          活动已取消，已支付的报名费将原路退回。
        </View>
      ) : null}
    </Card>
  );
}

function Ticket({ registration, reload }: { registration: Registration; reload: () => void }) {
  const live = registration.state !== 'cancelled' && registration.eventState !== 'cancelled';
  const confirmed = registration.state === 'confirmed';
  return (
    <View className="ticket">
      <Head registration={registration} />
      {confirmed && registration.ticketCode && registration.eventState !== 'cancelled' ? (
        <TicketCard registration={registration} code={registration.ticketCode} />
      ) : null}
      <StatePanel registration={registration} onChanged={reload} />
      {registration.bookingId !== null ? (
        <AttendeePanel registration={registration} onChanged={reload} />
      ) : null}
      {confirmed && live && registration.checkedInAt === null ? (
        <View className="ticket-actions">
          <Button className="ticket-actions__calendar" onClick={() => void addToCalendar(registration)}>
            添加到日历
          </Button>
        </View>
      ) : null}
      {registration.certificateAvailable ? <CertificatePanel registration={registration} /> : null}
      {registration.surveyOpen ? <SurveyPanel registration={registration} onDone={reload} /> : null}
      {registration.checkedInAt !== null && !registration.surveyOpen ? (
        <Text className="ticket-thanks">感谢参加，您的满意度评价已收到。</Text>
      ) : null}
      {live ? <MaterialsPanel eventId={registration.eventId} /> : null}
      {registration.paidFen > 0 ? <InvoicePanel registration={registration} onChanged={reload} /> : null}
      <CancelPanel registration={registration} onChanged={reload} />
    </View>
  );
}

function Gone() {
  return (
    <View className="ticket-gone" role="alert">
      <Text className="ticket-gone__title">未找到该报名记录</Text>
      <Text className="ticket-gone__text">报名记录仅本人可见。请在「我的活动」中查看您的报名。</Text>
      <Button className="ticket-gone__button" onClick={() => openPage(ROUTES.myEvents)}>
        我的活动
      </Button>
    </View>
  );
}

function TicketLoader({ id }: { id: number }) {
  const load = useCallback(() => getRegistration(id), [id]);
  const { state, reload, refresh } = usePageData(load);
  // Back from paying elsewhere, or a reminder opened it again: the state may have moved.
  useRefreshOnShow(refresh);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return NOT_FOUND.has(state.error.code) ? (
      <Gone />
    ) : (
      <ErrorState message={state.error.message} onRetry={() => void reload()} />
    );
  return <Ticket registration={state.data} reload={() => void refresh()} />;
}

/** `?id=` as 我的活动, the event page or a message hands it over. */
function registrationId(params: Record<string, string | undefined>): number | null {
  const id = Number(params.id);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

function TicketContent(_: { me: Me }) {
  const { params } = useRouter();
  const [id] = useState(() => registrationId(params));
  return id === null ? <Gone /> : <TicketLoader id={id} />;
}

/** One registration: the ticket while confirmed, confirm or pay, cancel, and what follows the event. */
export default function TicketPage() {
  return (
    <SignedInPage
      className="page ticket-page"
      loginText="登录后查看您的报名与电子票"
      content={TicketContent}
    />
  );
}
