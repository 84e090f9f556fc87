import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { actionsFrom, BILL_STATE_MACHINE, billReasonRequestSchema, type BillDetail } from '@itss/shared';
import { useState } from 'react';
import { BusyButton, FormFailure, TextInput } from '@/components/kit/form';
import { useTask } from '@/components/kit/use-task';
import { fieldMessage } from '@/services/http';
import { COLORS, showModal } from '@/services/modal';
import { closeBill } from '@/packages/dues/api';

type Closing = 'waived' | 'void';

const CLOSINGS: Record<
  Closing,
  { action: 'waive' | 'void'; name: string; warning: string; example: string }
> = {
  waived: {
    action: 'waive',
    name: '减免',
    warning: '减免后该账单不再催缴，也不能再缴费或登记到账。',
    example: '如：经理事会批准减免当年会费',
  },
  void: {
    action: 'void',
    name: '作废',
    warning: '作废后该账单不计入应收，也不能再缴费或登记到账。',
    example: '如：单位已于年初退会，账单误生成',
  },
};
const isClosing = (status: string): status is Closing => status in CLOSINGS;

/** 减免 and 作废 where the bill's state machine leads to them from its state. */
export function closingsOf(bill: Pick<BillDetail, 'status'>): Closing[] {
  return actionsFrom(BILL_STATE_MACHINE, bill.status).filter(isClosing);
}

/** 减免 and 作废 (those `closingsOf` the bill), each with its reason. */
export function ClosePanel({ bill, onClosed }: { bill: BillDetail; onClosed: () => Promise<unknown> }) {
  const [target, setTarget] = useState<Closing | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useTask();
  const closings = closingsOf(bill);

  const submit = async (closing: Closing) => {
    const { name, warning, action } = CLOSINGS[closing];
    const parsed = billReasonRequestSchema.safeParse({ reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写原因');
      return;
    }
    const { confirm } = await showModal({
      title: `${name}账单`,
      content: `${bill.unitName} ${bill.year} 年度账单：${warning}确定吗？`,
      confirmText: name,
      confirmColor: COLORS.danger,
    });
    if (!confirm) return;
    await run(
      async () => {
        await closeBill(bill.id, action, parsed.data);
        setTarget(null);
        setReason('');
        await Taro.showToast({ title: `已${name}`, icon: 'success' });
        await onClosed();
      },
      (failure) => fieldMessage(failure, 'reason'),
    );
  };

  return (
    <View className="dues-close">
      <View className="dues-actions">
        {closings.map((closing) => (
          <Button
            key={closing}
            className="dues-actions__button dues-close__open"
            size="mini"
            disabled={busy || undefined}
            onClick={() => {
              setError(null);
              setTarget(closing);
            }}
          >
            {CLOSINGS[closing].name}
          </Button>
        ))}
      </View>
      {target ? (
        <View className="staff-form dues-close__form">
          <Text className="staff-form__label">{CLOSINGS[target].name}的原因（必填，记入账单记录）</Text>
          <TextInput
            multiline
            className="staff-form__textarea dues-close__reason"
            maxlength={200}
            placeholder={CLOSINGS[target].example}
            value={reason}
            onChange={setReason}
          />
          <FormFailure className="staff-form__error" message={error} />
          <View className="dues-actions">
            <BusyButton
              className="dues-actions__button dues-actions__button--primary"
              size="mini"
              busy={busy}
              onClick={() => void submit(target)}
            >
              确认{CLOSINGS[target].name}
            </BusyButton>
            <Button className="dues-actions__button" size="mini" onClick={() => setTarget(null)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}
