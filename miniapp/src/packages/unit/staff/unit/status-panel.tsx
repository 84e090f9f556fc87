import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  actionsFrom,
  UNIT_STATUS_MACHINE,
  unitStatusChangeRequestSchema,
  type Unit,
  type UnitStatus,
} from '@itss/shared';
import { useState } from 'react';
import { useTask } from '@/components/kit/use-task';
import { BusyButton, FormFailure, TextInput } from '@/components/kit/form';
import { fieldMessage } from '@/services/http';
import { changeUnitStatus } from '@/packages/unit/api';
import { COLORS, showModal } from '@/services/modal';

const ACTION_NAMES: Record<UnitStatus, string> = {
  active: '恢复会员资格',
  suspended: '暂停会员资格',
  removed: '除名',
};
const ACTION_WARNINGS: Record<UnitStatus, string> = {
  active: '恢复后，该单位联系人可再次使用会员服务。',
  suspended: '暂停后，该单位联系人不能再加入会员微信群，已入群的人员将列入待移出群聊。',
  removed: '除名后不能恢复，如需重新入会须提交入会申请；已入群的人员将列入待移出群聊。',
};

export function StatusPanel({ unit, onChanged }: { unit: Unit; onChanged: () => Promise<unknown> }) {
  const [target, setTarget] = useState<UnitStatus | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useTask();
  const next = actionsFrom(UNIT_STATUS_MACHINE, unit.status);

  const submit = async (status: UnitStatus) => {
    const parsed = unitStatusChangeRequestSchema.safeParse({ status, reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写原因');
      return;
    }
    const { confirm } = await showModal({
      title: ACTION_NAMES[status],
      content: `「${unit.name}」：${ACTION_WARNINGS[status]}确定吗？`,
      confirmText: '确定',
      confirmColor: status === 'active' ? COLORS.brand : COLORS.danger,
    });
    if (!confirm) return;
    await run(
      async () => {
        await changeUnitStatus(unit.id, parsed.data);
        setTarget(null);
        setReason('');
        await Taro.showToast({ title: `已${ACTION_NAMES[status]}`, icon: 'success' });
        await onChanged();
      },
      (failure) => fieldMessage(failure, 'reason'),
    );
  };

  if (!next.length) return <Text className="staff-tip">该单位已除名，状态不能再变更。</Text>;
  return (
    <View className="unit-status-panel">
      <View className="unit-status-panel__actions">
        {next.map((status) => (
          <Button
            key={status}
            className={`staff-button${status === 'active' ? ' staff-button--primary' : ' staff-button--danger'}`}
            size="mini"
            disabled={busy || undefined}
            onClick={() => {
              setError(null);
              setTarget(status);
            }}
          >
            {status === 'active' ? '恢复' : ACTION_NAMES[status]}
          </Button>
        ))}
      </View>
      {target ? (
        <View className="unit-status-panel__form">
          <Text className="staff-form__label">{ACTION_NAMES[target]}的原因（必填，记入状态记录）</Text>
          <TextInput
            multiline
            className="staff-form__textarea unit-status-panel__reason"
            maxlength={200}
            placeholder="如：连续两个年度未缴纳会费"
            value={reason}
            onChange={setReason}
          />
          <FormFailure className="staff-form__error" message={error} />
          <View className="unit-status-panel__actions">
            <BusyButton
              className="staff-button staff-button--primary"
              size="mini"
              busy={busy}
              onClick={() => void submit(target)}
            >
              确认{ACTION_NAMES[target]}
            </BusyButton>
            <Button className="staff-button" size="mini" onClick={() => setTarget(null)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}
