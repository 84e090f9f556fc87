import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { eventCancelSchema } from '@itss/shared';
import { useState } from 'react';
import { BusyButton, FormFailure, TextInput } from '@/components/kit/form';
import { useTask } from '@/components/kit/use-task';
import { COLORS, showModal } from '@/services/modal';
import { StaffField } from '@/packages/staff/components/units';
import { cancelEvent } from '@/packages/events/api';

/** 取消活动 with the reason every registrant is told; paid seats are refunded by the server. */
export function CancelPanel({
  eventId,
  onCancelled,
}: {
  eventId: number;
  onCancelled: () => Promise<unknown>;
}) {
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const { busy, error, run } = useTask();

  const submit = async () => {
    const parsed = eventCancelSchema.safeParse({ reason });
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message);
      return;
    }
    const { confirm } = await showModal({
      title: '确认取消活动',
      content: '取消后所有报名（含候补）都将取消并收到通知，已付费的报名全额退款。此操作不能撤销，确定吗？',
      confirmText: '取消活动',
      cancelText: '再想想',
      confirmColor: COLORS.danger,
    });
    if (!confirm) return;
    await run(async () => {
      await cancelEvent(eventId, parsed.data.reason);
      await Taro.showToast({ title: '活动已取消', icon: 'success' });
      await onCancelled();
    });
  };

  return (
    <View className="staff-form event-cancel">
      <Text className="staff-tip">取消原因会通过消息告诉每一位报名者。</Text>
      <StaffField label="取消原因" error={fieldError}>
        <TextInput
          multiline
          className="staff-form__textarea event-cancel__reason"
          maxlength={80}
          placeholder="如：因场地原因延期举办，具体时间另行通知"
          value={reason}
          onChange={(value) => {
            setFieldError(undefined);
            setReason(value);
          }}
        />
      </StaffField>
      <FormFailure className="staff-form__error" message={error} />
      <BusyButton className="event-cancel__submit" busy={busy} onClick={() => void submit()}>
        取消活动
      </BusyButton>
    </View>
  );
}
