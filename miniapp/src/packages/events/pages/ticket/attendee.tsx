import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { attendeeSchema, type Registration } from '@itss/shared';
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
import { Card, Section } from '@/components/section';
import { nameAttendee } from '@/packages/events/api';

function AttendeeForm({ registration, onDone }: { registration: Registration; onDone: () => void }) {
  const [name, setName] = useState(registration.name ?? '');
  const [title, setTitle] = useState(registration.title ?? '');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const task = useTask();
  const submit = () => {
    const parsed = attendeeSchema.safeParse({
      name,
      ...(title.trim() ? { title } : {}),
      ...(phone.trim() ? { phone } : {}),
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    void task.run(
      async () => {
        await nameAttendee(registration.id, parsed.data);
        void Taro.showToast({ title: '已保存参会人', icon: 'success' });
        onDone();
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
    <View className="ticket-attendee__form">
      <FormField block="event-field" label="参会人姓名" error={errors.name}>
        <TextInput
          className="event-field__input event-field__input--attendee"
          value={name}
          onChange={setName}
          maxlength={20}
          placeholder="参会同事的姓名"
        />
      </FormField>
      <FormField block="event-field" label="职务" optional error={errors.title}>
        <TextInput
          className="event-field__input event-field__input--attendee-title"
          value={title}
          onChange={setTitle}
          maxlength={30}
        />
      </FormField>
      <FormField
        block="event-field"
        label="手机号"
        optional
        hint="便于现场联系，仅工作人员可见（打码显示）"
        error={errors.phone}
      >
        <TextInput
          className="event-field__input event-field__input--attendee-phone"
          type="number"
          value={phone}
          onChange={setPhone}
          maxlength={11}
        />
      </FormField>
      <FormFailure className="ticket-attendee__failure" message={task.error} />
      <BusyButton className="ticket-attendee__submit" busy={task.busy} onClick={submit}>
        保存参会人
      </BusyButton>
    </View>
  );
}

/**
 * A seat the unit booked: the booker names its attendee (and may change them until registration
 * closes); the ticket then carries that name and is handed to the colleague.
 */
export function AttendeePanel({
  registration,
  onChanged,
}: {
  registration: Registration;
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const named = registration.name !== null;
  const editable = registration.eventState === 'published' && registration.state !== 'cancelled';
  if (named && !editable) return null;
  return (
    <Section title="参会人">
      <Card className="ticket-attendee">
        {named && !editing ? (
          <View className="ticket-attendee__named">
            <Text className="ticket-attendee__name">
              {registration.name}
              {registration.title ? ` · ${registration.title}` : ''}
            </Text>
            <Text className="ticket-attendee__change" onClick={() => setEditing(true)}>
              修改
            </Text>
          </View>
        ) : (
          <>
            {named ? null : (
              <Text className="ticket-attendee__hint">
                这是本单位预订的名额，请填写参会同事的信息，并将电子票转给对方入场时出示。
              </Text>
            )}
            <AttendeeForm
              registration={registration}
              onDone={() => {
                setEditing(false);
                onChanged();
              }}
            />
          </>
        )}
      </Card>
    </Section>
  );
}
