import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  APPLICATION_STATE_MACHINE,
  ApplicationError,
  decisionRequestSchema,
  formatYuanAmount,
  statesLeadingTo,
  type Application,
  type Decision,
} from '@itss/shared';
import { useState } from 'react';
import { BusyButton } from '@/components/kit/form';
import { fieldMessage, toApiError } from '@/services/http';
import { decide } from '@/packages/join/api';
import { levelName } from '@/utils/format';
import './decision.scss';
import { showModal } from '@/services/modal';

/**
 * Staff decide while the application can still be approved; in needs_info it is the applicant's
 * turn, so the contract's machine offers no approval from there.
 */
export const DECIDABLE_STATES = statesLeadingTo(APPLICATION_STATE_MACHINE, 'approved');

const DONE: Record<Decision, string> = {
  approve: '已通过',
  reject: '已驳回',
  needs_info: '已要求补充材料',
};

const REASON_TITLES: Record<Exclude<Decision, 'approve'>, string> = {
  needs_info: '要求补充材料',
  reject: '驳回申请',
};
const REASON_HINTS: Record<Exclude<Decision, 'approve'>, string> = {
  needs_info: '写明需要补充或更正的内容，申请人会看到',
  reject: '写明驳回的原因，申请人会看到',
};

interface DecisionPanelProps {
  application: Application;
  /** After a decision, or when another staff member decided first: show the application again. */
  onChanged: () => Promise<unknown>;
}

/**
 * 通过 / 要求补充材料 / 驳回. Approval asks for a confirmation (it creates the member unit and its
 * first bill); the other two need a reason, checked with the contract's schema before sending.
 */
export function DecisionPanel({ application, onChanged }: DecisionPanelProps) {
  const [asking, setAsking] = useState<Exclude<Decision, 'approve'> | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (decision: Decision, reasonText?: string): Promise<void> => {
    const parsed = decisionRequestSchema.safeParse(
      reasonText === undefined ? { decision } : { decision, reason: reasonText },
    );
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写原因');
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await decide(application.id, parsed.data);
      setAsking(null);
      setReason('');
      await Taro.showToast({ title: DONE[decision], icon: 'success' });
      await onChanged();
    } catch (thrown) {
      const failure = toApiError(thrown);
      if (failure.code === ApplicationError.WrongState) {
        // Another staff member decided (or the applicant withdrew) first: show what happened.
        setAsking(null);
        await showModal({ title: '无法提交', content: failure.message, showCancel: false });
        await onChanged();
      } else {
        setError(fieldMessage(failure, 'reason'));
      }
    } finally {
      setBusy(false);
    }
  };

  const approve = async () => {
    const year = new Date().getFullYear();
    const { confirm } = await showModal({
      title: '通过入会申请',
      content: `通过后将创建会员单位「${application.unitName}」（${levelName(application.level)}），并生成 ${year} 年度会费账单 ${formatYuanAmount(application.annualFeeYuan)}（待缴费）。确定通过吗？`,
      confirmText: '通过',
    });
    if (confirm) await send('approve');
  };

  const open = (decision: Exclude<Decision, 'approve'>) => {
    setError(null);
    setAsking(decision);
  };

  return (
    <View className="decision">
      {error && !asking ? (
        <View className="decision__error" role="alert">
          {error}
        </View>
      ) : null}
      <View className="decision__actions">
        <Button
          className="decision__button decision__button--approve"
          disabled={busy || undefined}
          onClick={() => void approve()}
        >
          通过
        </Button>
        <Button className="decision__button" disabled={busy || undefined} onClick={() => open('needs_info')}>
          要求补充材料
        </Button>
        <Button
          className="decision__button decision__button--reject"
          disabled={busy || undefined}
          onClick={() => open('reject')}
        >
          驳回
        </Button>
      </View>
      {asking ? (
        <View className="decision-dialog" catchMove>
          <View className="decision-dialog__mask" onClick={() => !busy && setAsking(null)} />
          <View className="decision-dialog__panel" role="dialog" aria-label={REASON_TITLES[asking]}>
            <Text className="decision-dialog__title">{REASON_TITLES[asking]}</Text>
            <Text className="decision-dialog__unit">{application.unitName}</Text>
            <Textarea
              className="decision-dialog__reason"
              value={reason}
              maxlength={500}
              placeholder={REASON_HINTS[asking]}
              onInput={(event) => {
                setReason(event.detail.value);
                setError(null);
              }}
            />
            <View className="decision-dialog__row">
              {error ? (
                <View className="decision-dialog__error" role="alert">
                  {error}
                </View>
              ) : (
                <Text className="decision-dialog__count">{reason.trim().length}/500</Text>
              )}
            </View>
            <View className="decision-dialog__buttons">
              <Button
                className="decision-dialog__cancel"
                disabled={busy || undefined}
                onClick={() => setAsking(null)}
              >
                取消
              </Button>
              <BusyButton
                className="decision-dialog__submit"
                busy={busy}
                onClick={() => void send(asking, reason)}
              >
                提交
              </BusyButton>
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}
