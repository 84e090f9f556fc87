import { Text, View } from '@tarojs/components';
import {
  PAYMENT_HOLD_MINUTES,
  BOOKING_SEATS_MAX,
  bookingCreateSchema,
  formatFen,
  type EventDetail,
  type EventSession,
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
import { openPage } from '@/utils/actions';
import { bookSeats } from '@/packages/events/api';
import { timeRange } from '@/packages/events/format';
import { payForBooking } from '@/packages/events/pay';

/** What happens now: pay (a paid event), then name each seat's attendee on its ticket. */
async function tellBooked(seats: number): Promise<void> {
  const { confirm } = await showModal({
    title: `已为单位预订 ${seats} 个名额`,
    content: '请在「我的活动」中为每个名额填写参会人，报名截止前可修改。',
    confirmText: '去填写',
    cancelText: '稍后',
  });
  if (confirm) openPage(ROUTES.myEvents);
}

/**
 * 为单位预订: the unit's primary contact books several seats of one session at once, all or none,
 * one bill and one payment, and names the attendees later.
 */
export function BookingSheet({
  event,
  unitId,
  onClose,
  onBooked,
}: {
  event: EventDetail;
  unitId: number;
  onClose: () => void;
  onBooked: () => void;
}) {
  const sessions = event.sessions;
  const [sessionId, setSessionId] = useState<number | null>(
    sessions.length === 1 ? (sessions[0]?.id ?? null) : null,
  );
  const [seats, setSeats] = useState('2');
  const [errors, setErrors] = useState<FieldErrors>({});
  const task = useTask();
  const count = Number(seats);
  const chosen: EventSession | null = sessions.find((session) => session.id === sessionId) ?? null;

  const submit = () => {
    const parsed = bookingCreateSchema.safeParse({
      sessionId: sessionId ?? undefined,
      unitId,
      seats: seats.trim() ? count : undefined,
    });
    if (!parsed.success) {
      const found = fieldErrors(parsed.error.issues);
      setErrors(found.sessionId ? { ...found, sessionId: '请选择场次' } : found);
      return;
    }
    setErrors({});
    void task.run(
      async () => {
        const booked = await bookSeats(event.id, parsed.data);
        onBooked();
        if (booked.state === 'awaiting_payment') await payForBooking(booked.bookingId, event.title);
        await tellBooked(booked.registrationIds.length);
      },
      (error) => {
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
    <View className="event-sheet" role="dialog" aria-label="为单位预订名额">
      <View className="event-sheet__mask" onClick={onClose} />
      <View className="event-sheet__panel">
        <View className="event-sheet__head">
          <Text className="event-sheet__title">为单位预订名额</Text>
          <Text className="event-sheet__close" onClick={onClose}>
            取消
          </Text>
        </View>
        <Text className="event-sheet__event">{event.title}</Text>
        <FormField block="event-field" label="选择场次" error={errors.sessionId}>
          <View className="event-sheet__sessions">
            {sessions.map((session) => (
              <View
                key={session.id}
                className={
                  session.id === sessionId
                    ? 'event-sheet__session event-sheet__session--active'
                    : 'event-sheet__session'
                }
                onClick={() => setSessionId(session.id)}
              >
                <Text className="event-sheet__session-title">{session.title}</Text>
                <Text className="event-sheet__session-meta">
                  {timeRange(session.startsAt, session.endsAt)} · 剩余 {Math.max(session.seatsLeft, 0)}
                </Text>
              </View>
            ))}
          </View>
        </FormField>
        <FormField
          block="event-field"
          label="预订人数"
          hint={`一次最多 ${BOOKING_SEATS_MAX} 人；名额不足时整单不能预订`}
          error={errors.seats}
        >
          <TextInput
            className="event-field__input event-field__input--seats"
            type="number"
            value={seats}
            onChange={setSeats}
            maxlength={2}
          />
        </FormField>
        {event.myPriceFen > 0 && count > 0 ? (
          <Text className="event-sheet__note">
            共 {formatFen(event.myPriceFen * count)}（{formatFen(event.myPriceFen)} × {count}
            ），一次支付；名额为您保留 {PAYMENT_HOLD_MINUTES} 分钟。
          </Text>
        ) : null}
        {chosen && count > chosen.seatsLeft ? (
          <Text className="event-sheet__note event-sheet__note--waitlist">
            该场次剩余 {Math.max(chosen.seatsLeft, 0)} 个名额，不足 {count}{' '}
            人；可减少人数，或请同事逐个报名候补。
          </Text>
        ) : null}
        <FormFailure className="event-sheet__failure" message={task.error} />
        <BusyButton className="event-sheet__submit" busy={task.busy} onClick={submit}>
          预订 {count > 0 ? `${count} 个名额` : '名额'}
        </BusyButton>
      </View>
    </View>
  );
}
