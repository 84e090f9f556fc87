import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { walkInSchema, type EventSession } from '@itss/shared';
import { useState } from 'react';
import {
  BusyButton,
  FormFailure,
  TextInput,
  fieldErrors,
  fieldErrorsOf,
  type FieldErrors,
} from '@/components/kit/form';
import { useTask } from '@/components/kit/use-task';
import { StaffChips, StaffField } from '@/packages/staff/components/units';
import { registerWalkIn } from '@/packages/events/api';

/**
 * 现场报名: someone at the door without a registration takes a seat left in a session and is
 * checked in at once; a full session is refused by the server with its own message.
 */
export function WalkInForm({
  eventId,
  sessions,
  onDone,
}: {
  eventId: number;
  sessions: EventSession[];
  onDone: () => Promise<unknown>;
}) {
  const [sessionId, setSessionId] = useState<number | undefined>(
    sessions.length === 1 ? sessions[0]?.id : undefined,
  );
  const [name, setName] = useState('');
  const [unitName, setUnitName] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useTask();
  const tabs = sessions.map((session) => ({
    value: String(session.id),
    name: `${session.title}（余 ${Math.max(session.seatsLeft, 0)}）`,
  }));

  const submit = async () => {
    const parsed = walkInSchema.safeParse({
      sessionId,
      name,
      unitName: unitName.trim() || undefined,
      phone: phone.trim() || undefined,
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    await run(
      async () => {
        await registerWalkIn(eventId, parsed.data);
        setName('');
        setUnitName('');
        setPhone('');
        await Taro.showToast({ title: '已报名并签到', icon: 'success' });
        await onDone();
      },
      (failure) => {
        const byField = fieldErrorsOf(failure);
        if (Object.keys(byField).length) setErrors(byField);
        return failure.message;
      },
    );
  };

  return (
    <View className="staff-form walk-in">
      <Text className="staff-tip">现场报名占用所选场次的剩余名额，并立即记为已签到。</Text>
      <StaffField label="场次" error={errors.sessionId ? '请选择场次' : undefined}>
        <StaffChips
          className="walk-in__sessions"
          tabs={tabs}
          value={sessionId === undefined ? undefined : String(sessionId)}
          onChange={(value) => value && setSessionId(Number(value))}
        />
      </StaffField>
      <StaffField label="姓名" error={errors.name}>
        <TextInput
          className="staff-form__input walk-in__name"
          maxlength={20}
          value={name}
          onChange={setName}
        />
      </StaffField>
      <StaffField label="单位" optional error={errors.unitName}>
        <TextInput
          className="staff-form__input walk-in__unit"
          maxlength={60}
          value={unitName}
          onChange={setUnitName}
        />
      </StaffField>
      <StaffField label="手机号" optional error={errors.phone}>
        <TextInput
          className="staff-form__input walk-in__phone"
          type="number"
          maxlength={11}
          value={phone}
          onChange={setPhone}
        />
      </StaffField>
      <FormFailure className="staff-form__error walk-in__failure" message={error} />
      <BusyButton className="staff-form__submit walk-in__submit" busy={busy} onClick={() => void submit()}>
        报名并签到
      </BusyButton>
    </View>
  );
}
