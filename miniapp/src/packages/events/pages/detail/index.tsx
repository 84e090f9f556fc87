import { Button, Text, View } from '@tarojs/components';
import { useRouter, useShareAppMessage } from '@tarojs/taro';
import {
  PAYMENT_HOLD_MINUTES,
  ErrorCode,
  EventError,
  EVENT_KIND_NAMES,
  EVENT_STATE_NAMES,
  type EventDetail,
  type EventSession,
  type Me,
  type Registration,
  type RegistrationCreated,
} from '@itss/shared';
import { useState } from 'react';
import { usePageData } from '@/components/kit/page-data';
import { useRefreshOnShow } from '@/components/kit/use-refresh-on-show';
import { ArticleBody } from '@/components/article-body';
import { ArticleImage } from '@/components/article-image';
import { returnHereAfterSignIn } from '@/components/login-required/return-after-sign-in';
import { Section } from '@/components/section';
import { ErrorState, Loading } from '@/components/state';
import { ROUTES, routeUrl } from '@/routes';
import { ApiError } from '@/services/http';
import { showModal } from '@/services/modal';
import { useSession } from '@/services/session';
import { openPage, openTab } from '@/utils/actions';
import { formatBeijingTime } from '@/utils/format';
import { getEvent, getRegistration } from '@/packages/events/api';
import { windowText } from '@/packages/events/format';
import { confirmOrPay } from '@/packages/events/pay';
import { EventFacts, EventSessions, MyRegistrations } from './parts';
import { BookingSheet } from './booking-sheet';
import { RegisterSheet } from './register-sheet';
import './index.scss';

const NOT_FOUND = new Set<string>([EventError.NotFound, ErrorCode.NotFound]);

interface Loaded {
  event: EventDetail;
  registrations: Registration[];
}

/** The event, and the caller's registrations of it (one gone meanwhile is left out). */
async function loadEvent(id: number): Promise<Loaded> {
  const event = await getEvent(id);
  const registrations = await Promise.all(
    event.myRegistrationIds.map((registrationId) =>
      getRegistration(registrationId).catch((thrown: unknown) => {
        if (thrown instanceof ApiError && NOT_FOUND.has(thrown.code)) return null;
        throw thrown;
      }),
    ),
  );
  return { event, registrations: registrations.filter((found): found is Registration => found !== null) };
}

/** After the server's answer: what happens now, and the way to the ticket or the payment. */
async function tellRegistered(
  event: EventDetail,
  created: RegistrationCreated,
  session: EventSession,
): Promise<void> {
  const ticket = () => openPage(ROUTES.ticket, { id: created.id });
  if (created.state === 'confirmed') {
    const { confirm } = await showModal({
      title: '报名成功',
      content: `您已报名「${session.title}」。电子票在「我的活动」中，签到时出示二维码即可。`,
      confirmText: '看电子票',
      cancelText: '知道了',
    });
    if (confirm) ticket();
    return;
  }
  if (created.state === 'awaiting_payment') {
    const { confirm } = await showModal({
      title: '名额已为您保留',
      content: `请在 ${PAYMENT_HOLD_MINUTES} 分钟内完成支付，逾期名额将自动释放给候补人员。`,
      confirmText: '去支付',
      cancelText: '稍后支付',
    });
    if (confirm) await confirmOrPay({ id: created.id, eventTitle: event.title });
    ticket();
    return;
  }
  await showModal({
    title: '已进入候补',
    content: `${created.position ? `您是第 ${created.position} 位候补。` : ''}有名额空出时将按顺序为您保留，并通过消息通知您确认。`,
    showCancel: false,
    confirmText: '知道了',
  });
}

/** Bookings for colleagues are for the primary contact of an active member unit. */
function mayBook(me: Me | null): me is Me & { unit: NonNullable<Me['unit']> } {
  return me?.unit?.isPrimaryContact === true && me.unit.status === 'active';
}

/** 去登录 from the event: 我的 signs in and brings the person back here. */
function signIn(): void {
  returnHereAfterSignIn();
  openTab(ROUTES.me);
}

/** The bar under the page: register, or why not yet (and from when), or the way to one's ticket. */
function RegisterBar({
  event,
  me,
  registrations,
  onRegister,
  onBook,
}: {
  event: EventDetail;
  me: Me | null;
  registrations: Registration[];
  onRegister: () => void;
  onBook: () => void;
}) {
  const { window } = event;
  const registered = new Set(registrations.map((registration) => registration.sessionId));
  const open = event.sessions.filter((session) => !registered.has(session.id));
  const first = registrations[0];
  if (window.state === 'open' && !open.length && first && !mayBook(me))
    return (
      <View className="event-bar">
        <Button className="event-bar__button" onClick={() => openPage(ROUTES.ticket, { id: first.id })}>
          查看我的报名
        </Button>
      </View>
    );
  if (window.state !== 'open') {
    const opensAt = window.state === 'not_yet' ? window.opensAt : null;
    // A visitor may be a member contact not signed in yet: members may open earlier, or alone.
    const memberMayOpen =
      me === null && ((window.state === 'not_yet' && event.membersFirst) || window.state === 'not_eligible');
    return (
      <View className="event-bar">
        <Button className="event-bar__button event-bar__button--closed" disabled>
          {windowText(window)}
        </Button>
        {opensAt && !windowText(window).includes(formatBeijingTime(opensAt)) ? (
          <Text className="event-bar__hint">您可于 {formatBeijingTime(opensAt)}（北京时间）起报名</Text>
        ) : null}
        {memberMayOpen ? (
          <Text className="event-bar__hint event-bar__hint--link" onClick={signIn}>
            会员单位联系人请登录后报名 ›
          </Text>
        ) : null}
        {window.state === 'not_eligible' && me !== null && me.unit === null ? (
          <Text className="event-bar__hint event-bar__hint--link" onClick={() => openTab(ROUTES.membership)}>
            了解如何成为会员单位 ›
          </Text>
        ) : null}
      </View>
    );
  }
  if (me === null)
    return (
      <View className="event-bar">
        <Button className="event-bar__button" onClick={signIn}>
          登录后报名
        </Button>
      </View>
    );
  const full = open.every((session) => session.seatsLeft <= 0);
  return (
    <View className="event-bar">
      {open.length ? (
        <Button className="event-bar__button" onClick={onRegister}>
          {registrations.length ? '报名其他场次' : full ? '报名候补' : '立即报名'}
        </Button>
      ) : null}
      {mayBook(me) ? (
        <Text className="event-bar__hint event-bar__hint--link" onClick={onBook}>
          为本单位同事预订名额 ›
        </Text>
      ) : null}
    </View>
  );
}

function Detail({ data, me, reload }: { data: Loaded; me: Me | null; reload: () => Promise<unknown> }) {
  const { event, registrations } = data;
  const [registering, setRegistering] = useState(false);
  const [booking, setBooking] = useState(false);
  const registered = new Set(registrations.map((registration) => registration.sessionId));
  const sessions = event.sessions.filter((session) => !registered.has(session.id));
  return (
    <View className="event">
      {event.coverUrl ? (
        <ArticleImage
          className="event-cover"
          url={event.coverUrl}
          needsToken={false}
          mode="widthFix"
          preview
        />
      ) : null}
      <View className="event-head">
        <View className="event-head__tags">
          <Text className="event-head__kind">{EVENT_KIND_NAMES[event.kind]}</Text>
          {event.membersFirst ? <Text className="event-head__first">会员优先</Text> : null}
          {event.state !== 'published' ? (
            <Text className={`event-head__state event-head__state--${event.state}`}>
              {EVENT_STATE_NAMES[event.state]}
            </Text>
          ) : null}
        </View>
        <Text className="event-head__title">{event.title}</Text>
        {event.summary ? <Text className="event-head__summary">{event.summary}</Text> : null}
      </View>
      {event.state === 'cancelled' ? (
        <View className="event-cancelled" role="alert">
          活动已取消{event.cancelReason ? `：${event.cancelReason}` : ''}。已支付的报名费将原路退回。
        </View>
      ) : null}
      <MyRegistrations registrations={registrations} />
      <EventFacts event={event} />
      <EventSessions event={event} />
      <Section title="活动介绍">
        <View className="event-description">
          <ArticleBody html={event.description} needsToken={false} />
        </View>
      </Section>
      <RegisterBar
        event={event}
        me={me}
        registrations={registrations}
        onRegister={() => setRegistering(true)}
        onBook={() => setBooking(true)}
      />
      {registering && me ? (
        <RegisterSheet
          event={event}
          me={me}
          sessions={sessions}
          onClose={() => setRegistering(false)}
          onRegistered={(created, session) => {
            setRegistering(false);
            void reload();
            void tellRegistered(event, created, session);
          }}
        />
      ) : null}
      {booking && mayBook(me) ? (
        <BookingSheet
          event={event}
          unitId={me.unit.id}
          onClose={() => setBooking(false)}
          onBooked={() => {
            setBooking(false);
            void reload();
          }}
        />
      ) : null}
    </View>
  );
}

function Gone() {
  return (
    <View className="event-gone" role="alert">
      <Text className="event-gone__title">活动不存在或已下线</Text>
      <Text className="event-gone__text">链接可能已失效，去看看其他活动吧。</Text>
      <Button className="event-gone__button" onClick={() => openPage(ROUTES.events)}>
        浏览活动
      </Button>
    </View>
  );
}

function EventLoader({ id, me }: { id: number; me: Me | null }) {
  const { state, reload, refresh } = usePageData(() => loadEvent(id));
  // Back from the ticket (paid, cancelled): the seats and the registrations moved.
  useRefreshOnShow(refresh);
  const title = state.status === 'success' ? state.data.event.title : '';
  useShareAppMessage(() => ({ title, path: routeUrl(ROUTES.event, { id }) }));
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return NOT_FOUND.has(state.error.code) ? (
      <Gone />
    ) : (
      <ErrorState message={state.error.message} onRetry={() => void reload()} />
    );
  return <Detail data={state.data} me={me} reload={refresh} />;
}

/** `?id=` as the list, a share card or a reminder hands it over. */
function eventId(params: Record<string, string | undefined>): number | null {
  const id = Number(params.id);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export default function EventPage() {
  const { params } = useRouter();
  const [id] = useState(() => eventId(params));
  const session = useSession();
  if (id === null)
    return (
      <View className="page event-page">
        <Gone />
      </View>
    );
  // The window and the price depend on who asks: wait for the launch's login before asking.
  if (session.status === 'loading')
    return (
      <View className="page event-page">
        <Loading />
      </View>
    );
  const me = session.status === 'signedIn' ? session.me : null;
  return (
    <View className="page event-page">
      <EventLoader key={me ? `user-${me.id}` : 'visitor'} id={id} me={me} />
    </View>
  );
}
