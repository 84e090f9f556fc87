import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { levelRequestCreateSchema, type Level, type LevelDirection } from '@itss/shared';
import { useState } from 'react';
import { BusyButton, FormFailure, FormField, TextInput } from '@/components/kit/form';
import { useTask } from '@/components/kit/use-task';
import { fieldMessage } from '@/services/http';
import { COLORS, showModal } from '@/services/modal';
import { useSubscribeMessages } from '@/services/subscribe';
import { requestLevelChange } from '@/packages/standing/api';

/** The decision on the request is told in 消息 and, where allowed, in WeChat. */
const DECISION_PURPOSES = ['level_request_decision'] as const;

const PLACEHOLDERS: Record<LevelDirection, string> = {
  upgrade: '如：单位业务规模扩大，希望更多参与分会标准研制与委员会工作',
  downgrade: '如：单位业务调整，下一年度希望以较低级别继续参加分会活动',
};

/**
 * The reason and the submission of a request for `target`, one step up or down. A downgrade is
 * confirmed first: it is decided now and changes next year's bill.
 */
export function RequestForm({
  unitId,
  direction,
  target,
  nextYear,
  onSent,
}: {
  unitId: number;
  direction: LevelDirection;
  target: Level;
  nextYear: number;
  onSent: () => Promise<unknown>;
}) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const { busy, error, setError, run } = useTask();
  const notifications = useSubscribeMessages(DECISION_PURPOSES);
  const upgrade = direction === 'upgrade';

  const submit = async () => {
    // First in the tap: WeChat shows its permission dialog only within it.
    void notifications.ask();
    setError(null);
    const parsed = levelRequestCreateSchema.safeParse({ toLevel: target.code, reason });
    if (!parsed.success) {
      setReasonError(parsed.error.issues[0]?.message ?? '请填写申请理由');
      return;
    }
    setReasonError(undefined);
    if (!upgrade) {
      const { confirm } = await showModal({
        title: `申请降级为${target.name}`,
        content: `经审核批准后，自 ${nextYear} 年度起按${target.name}的年费缴纳会费；本年度的级别与会费不变。确定提交吗？`,
        confirmText: '提交',
        confirmColor: COLORS.brand,
      });
      if (!confirm) return;
    }
    await run(
      async () => {
        await requestLevelChange(unitId, parsed.data);
        setReason('');
        await Taro.showToast({ title: '申请已提交', icon: 'success' });
        await onSent();
      },
      (failure) => {
        if (failure.details?.some((detail) => detail.path === 'reason')) {
          setReasonError(fieldMessage(failure, 'reason'));
          return null;
        }
        return failure.message;
      },
    );
  };

  return (
    <View className={`upgrade-form upgrade-form--${direction}`}>
      <FormField block="upgrade-form" className="upgrade-form__field" label="申请理由" error={reasonError}>
        <TextInput
          multiline
          className="upgrade-form__reason"
          maxlength={500}
          placeholder={PLACEHOLDERS[direction]}
          value={reason}
          onChange={(value) => {
            setReasonError(undefined);
            setReason(value);
          }}
        />
      </FormField>
      <Text className="upgrade-form__hint">
        {upgrade
          ? '提交后由会员服务部审核，结果将通过「消息」通知您；审核期间可撤回申请。'
          : `降级经审核批准后自 ${nextYear} 年度起生效，本年度的级别、权益和会费不变。`}
      </Text>
      <FormFailure className="upgrade-form__failure" message={error} />
      <BusyButton
        className={upgrade ? 'upgrade-form__submit' : 'upgrade-form__submit upgrade-form__submit--downgrade'}
        busy={busy}
        onClick={() => void submit()}
      >
        {upgrade ? `提交升级申请` : `提交降级申请`}
      </BusyButton>
    </View>
  );
}
