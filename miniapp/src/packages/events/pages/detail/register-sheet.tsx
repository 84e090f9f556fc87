import { Text, View } from '@tarojs/components';
import {
  PAYMENT_HOLD_MINUTES,
  RegistrationError,
  formatFen,
  registrationCreateSchema,
  type EventDetail,
  type EventSession,
  type Me,
  type RegistrationCreated,
} from '@itss/shared';
import { useState } from 'react';
import {
  BusyButton,
  FormFailure,
  FormField,
  TextInput,
  fieldErrors,
  fieldErrorsOf,
  type FieldErrors,
} from '@/components/kit/form';
import { useTask } from '@/components/kit/use-task';
import { ROUTES } from '@/routes';
import { showModal } from '@/services/modal';
import { useSubscribeMessages } from '@/services/subscribe';
import { openTab } from '@/utils/actions';
import { register } from '@/packages/events/api';
import { timeRange } from '@/packages/events/format';

/** The reminder a day before, and the seat offered from the waiting list: asked with the registration. */
const EVENT_PURPOSES = ['event_reminder', 'event_seat_offered'] as const;

/** Without a bound phone the server refuses: the way to bind it is on 我的. */
async function askForPhone(): Promise<void> {
  const { confirm } = await showModal({
    title: '请先绑定手机号',
    content: '报名需要绑定手机号，便于活动通知和现场签到。请在「我的」页面绑定后再报名。',
    confirmText: '去绑定',
    cancelText: '暂不报名',
  });
  if (confirm) openTab(ROUTES.me);
}

function SessionChoice({
  sessions,
  value,
  onChange,
}: {
  sessions: EventSession[];
  value: number | null;
  onChange: (id: number) => void;
}) {
  return (
    <View className="event-sheet__sessions">
      {sessions.map((session) => (
        <View
          key={session.id}
          className={
            session.id === value
              ? 'event-sheet__session event-sheet__session--active'
              : 'event-sheet__session'
          }
          onClick={() => onChange(session.id)}
        >
          <Text className="event-sheet__session-title">{session.title}</Text>
          <Text className="event-sheet__session-meta">
            {timeRange(session.startsAt, session.endsAt)} ·{' '}
            {session.seatsLeft > 0 ? `剩余 ${session.seatsLeft}` : '已满，可候补'}
          </Text>
        </View>
      ))}
    </View>
  );
}

/**
 * 报名: the session (when there are several the person has not registered for), name, unit and
 * 职务, checked with the contract's schema on the device and again by the server.
 */
export function RegisterSheet({
  event,
  me,
  sessions,
  onClose,
  onRegistered,
}: {
  event: EventDetail;
  me: Me;
  /** The sessions the person may still register for. */
  sessions: EventSession[];
  onClose: () => void;
  onRegistered: (created: RegistrationCreated, session: EventSession) => void;
}) {
  const [sessionId, setSessionId] = useState<number | null>(
    sessions.length === 1 ? (sessions[0]?.id ?? null) : null,
  );
  const [name, setName] = useState(me.displayName);
  const [unitName, setUnitName] = useState(me.unit?.name ?? '');
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const task = useTask();
  const notifications = useSubscribeMessages(EVENT_PURPOSES);
  const chosen = sessions.find((session) => session.id === sessionId) ?? null;

  const submit = () => {
    // First in the tap: WeChat shows its permission dialog only within it.
    void notifications.ask();
    const parsed = registrationCreateSchema.safeParse({
      sessionId: sessionId ?? undefined,
      name,
      ...(unitName.trim() ? { unitName } : {}),
      ...(title.trim() ? { title } : {}),
    });
    if (!parsed.success) {
      const found = fieldErrors(parsed.error.issues);
      setErrors(found.sessionId ? { ...found, sessionId: '请选择场次' } : found);
      return;
    }
    setErrors({});
    void task.run(
      async () => {
        const created = await register(event.id, parsed.data);
        if (chosen) onRegistered(created, chosen);
      },
      (error) => {
        if (error.code === RegistrationError.PhoneRequired) {
          void askForPhone();
          return error.message;
        }
        const byField = fieldErrorsOf(error);
        if (Object.keys(byField).length) {
          setErrors(byField);
          return null;
        }
        return error.message;
      },
    );
  };

  return (
    <View className="event-sheet" role="dialog" aria-label="活动报名">
      <View className="event-sheet__mask" onClick={onClose} />
      <View className="event-sheet__panel">
        <View className="event-sheet__head">
          <Text className="event-sheet__title">活动报名</Text>
          <Text className="event-sheet__close" onClick={onClose}>
            取消
          </Text>
        </View>
        <Text className="event-sheet__event">{event.title}</Text>
        {sessions.length > 1 ? (
          <FormField block="event-field" label="选择场次" error={errors.sessionId}>
            <SessionChoice sessions={sessions} value={sessionId} onChange={setSessionId} />
          </FormField>
        ) : null}
        <FormField block="event-field" label="姓名" error={errors.name}>
          <TextInput
            className="event-field__input event-field__input--name"
            value={name}
            onChange={setName}
            maxlength={20}
            placeholder="参会人姓名"
          />
        </FormField>
        <FormField block="event-field" label="单位" optional error={errors.unitName}>
          <TextInput
            className="event-field__input event-field__input--unit"
            value={unitName}
            onChange={setUnitName}
            maxlength={60}
            placeholder="工作单位全称"
          />
        </FormField>
        <FormField block="event-field" label="职务" optional error={errors.title}>
          <TextInput
            className="event-field__input event-field__input--title"
            value={title}
            onChange={setTitle}
            maxlength={30}
            placeholder="如：运维经理"
          />
        </FormField>
        {event.myPriceFen > 0 ? (
          <Text className="event-sheet__note">
            报名费 {formatFen(event.myPriceFen)}。提交后名额为您保留 {PAYMENT_HOLD_MINUTES}{' '}
            分钟，请在此期间完成微信支付。
          </Text>
        ) : null}
        {chosen && chosen.seatsLeft <= 0 ? (
          <Text className="event-sheet__note event-sheet__note--waitlist">
            该场次名额已满，提交后进入候补；有名额空出时按候补顺序为您保留，并通过消息通知您确认。
          </Text>
        ) : null}
        <FormFailure className="event-sheet__failure" message={task.error} />
        <BusyButton className="event-sheet__submit" busy={task.busy} onClick={submit}>
          {chosen && chosen.seatsLeft <= 0 ? '提交候补报名' : '提交报名'}
        </BusyButton>
      </View>
    </View>
  );
}
