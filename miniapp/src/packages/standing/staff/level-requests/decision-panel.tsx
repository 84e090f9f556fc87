import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { levelRequestDecisionSchema, type LevelRequest, type PresidentSeat } from '@itss/shared';
import { useState } from 'react';
import { BusyButton, FormFailure, TextInput } from '@/components/kit/form';
import { useTask } from '@/components/kit/use-task';
import { fieldMessage } from '@/services/http';
import { COLORS, showModal } from '@/services/modal';
import { levelName } from '@/utils/format';
import { decideLevelRequest } from '@/packages/standing/api';

/** What approving changes, said before staff confirm; a president request also says who is refused. */
export function approvalWarning(request: LevelRequest, seat: PresidentSeat | null): string {
  const to = levelName(request.toLevel);
  const effect =
    request.direction === 'upgrade'
      ? `批准后「${request.unitName}」立即调整为${to}，并按本年剩余月份（含本月）生成本年度的会费差额账单。`
      : `批准后「${request.unitName}」自下一年度起调整为${to}，本年度的级别和会费不变。`;
  if (request.toLevel !== 'president') return effect;
  const others = Math.max((seat?.openRequests ?? 1) - 1, 0);
  const refused = others
    ? `分会只设一家会长单位：批准后，其他 ${others} 份会长单位申请将自动不予批准。`
    : '分会只设一家会长单位：批准后，之后的会长单位申请将不予受理。';
  return `${effect}${refused}`;
}

/** 批准 (after a confirmation) or 不批准 with the reason the unit will read. */
export function DecisionPanel({
  request,
  seat,
  onDecided,
}: {
  request: LevelRequest;
  seat: PresidentSeat | null;
  onDecided: () => Promise<unknown>;
}) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useTask();

  const decide = async (decision: 'approve' | 'reject') => {
    setError(null);
    const parsed = levelRequestDecisionSchema.safeParse(
      decision === 'approve' ? { decision } : { decision, reason },
    );
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写原因');
      return;
    }
    const { confirm } = await showModal(
      decision === 'approve'
        ? {
            title: `批准${levelName(request.toLevel)}申请`,
            content: approvalWarning(request, seat),
            confirmText: '批准',
            confirmColor: COLORS.brand,
          }
        : {
            title: '不批准申请',
            content: `「${request.unitName}」将在消息中看到不批准的原因。确定吗？`,
            confirmText: '不批准',
            confirmColor: COLORS.danger,
          },
    );
    if (!confirm) return;
    await run(
      async () => {
        await decideLevelRequest(request.id, parsed.data);
        await Taro.showToast({ title: decision === 'approve' ? '已批准' : '已不批准', icon: 'success' });
        await onDecided();
      },
      (failure) => fieldMessage(failure, 'reason'),
    );
  };

  return (
    <View className="level-decision">
      {request.toLevel === 'president' && seat?.holder ? (
        <View className="level-decision__warning" role="alert">
          会长单位现为「{seat.holder.unitName}」，会长单位只设一家，此申请不能批准。
        </View>
      ) : null}
      {rejecting ? (
        <View className="staff-form level-decision__form">
          <Text className="staff-form__label">不批准的原因（必填，申请单位可见）</Text>
          <TextInput
            multiline
            className="staff-form__textarea level-decision__reason"
            maxlength={500}
            placeholder="如：单位近两年未参加分会活动，建议明年再申请"
            value={reason}
            onChange={setReason}
          />
        </View>
      ) : null}
      <FormFailure className="staff-form__error level-decision__error" message={error} />
      <View className="level-decision__actions">
        {rejecting ? (
          <>
            <BusyButton
              className="staff-button staff-button--danger level-decision__confirm-reject"
              size="mini"
              busy={busy}
              onClick={() => void decide('reject')}
            >
              确认不批准
            </BusyButton>
            <Button
              className="staff-button"
              size="mini"
              onClick={() => {
                setError(null);
                setRejecting(false);
              }}
            >
              取消
            </Button>
          </>
        ) : (
          <>
            <BusyButton
              className="staff-button staff-button--primary level-decision__approve"
              size="mini"
              busy={busy}
              onClick={() => void decide('approve')}
            >
              批准
            </BusyButton>
            <Button
              className="staff-button staff-button--danger level-decision__reject"
              size="mini"
              disabled={busy || undefined}
              onClick={() => {
                setError(null);
                setRejecting(true);
              }}
            >
              不批准
            </Button>
          </>
        )}
      </View>
    </View>
  );
}
