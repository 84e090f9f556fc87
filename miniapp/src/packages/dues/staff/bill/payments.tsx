import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  ErrorCode,
  formatFen,
  parseYuanToFen,
  PAYMENT_METHOD_NAMES,
  PAYMENT_STATUS_NAMES,
  REFUND_STATUS_NAMES,
  refundRequestSchema,
  type Payment,
} from '@itss/shared';
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
import { COLORS, showModal } from '@/services/modal';
import { formatBeijingDate, formatBeijingTime } from '@/utils/format';
import { StaffField } from '@/packages/staff/components/units';
import { refundPayment } from '@/packages/dues/api';

/** What may still be refunded: refunds on their way count as given back already. */
export function refundableFen(payment: Payment): number {
  if (payment.method !== 'wechat' || payment.status !== 'succeeded') return 0;
  const given = payment.refunds
    .filter((refund) => refund.status !== 'failed')
    .reduce((total, refund) => total + refund.amountFen, 0);
  return Math.max(payment.amountFen - given, 0);
}

function RefundForm({
  payment,
  onDone,
  onCancel,
}: {
  payment: Payment;
  onDone: () => Promise<unknown>;
  onCancel: () => void;
}) {
  const left = refundableFen(payment);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useTask();

  const submit = async () => {
    const amountFen = parseYuanToFen(amount);
    const parsed = refundRequestSchema.safeParse({ amountFen: amountFen ?? undefined, reason });
    const found = parsed.success ? {} : fieldErrors(parsed.error.issues);
    if (amountFen === null) found.amountFen = '请填写退款金额（元），最多两位小数';
    else if (amountFen > left) found.amountFen = `最多可退 ${formatFen(left)}`;
    setErrors(found);
    if (!parsed.success || Object.keys(found).length) return;
    const { confirm } = await showModal({
      title: '微信支付退款',
      content: `退还 ${formatFen(parsed.data.amountFen)} 到付款人的微信。退款成功后账单的已缴金额相应减少。确定吗？`,
      confirmText: '退款',
      confirmColor: COLORS.danger,
    });
    if (!confirm) return;
    await run(
      async () => {
        await refundPayment(payment.id, parsed.data);
        await Taro.showToast({ title: '已发起退款', icon: 'success' });
        await onDone();
      },
      (failure) => {
        if (failure.code !== ErrorCode.ValidationFailed) return failure.message;
        setErrors(fieldErrorsOf(failure));
        return null;
      },
    );
  };

  return (
    <View className="staff-form dues-refund">
      <StaffField label={`退款金额（元，最多 ${formatFen(left)}）`} error={errors.amountFen}>
        <TextInput
          className="staff-form__input dues-refund__amount"
          type="digit"
          maxlength={16}
          placeholder="如 3000"
          value={amount}
          onChange={setAmount}
        />
      </StaffField>
      <StaffField label="退款原因" error={errors.reason}>
        <TextInput
          className="staff-form__input dues-refund__reason"
          maxlength={80}
          placeholder="如：重复支付"
          value={reason}
          onChange={setReason}
        />
      </StaffField>
      <FormFailure className="staff-form__error dues-refund__failure" message={error} />
      <View className="dues-actions">
        <BusyButton
          className="dues-actions__button dues-actions__button--primary"
          size="mini"
          busy={busy}
          onClick={() => void submit()}
        >
          确认退款
        </BusyButton>
        <Button className="dues-actions__button" size="mini" onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

/** One payment: how, how much, when, its reference, and its refunds; a WeChat one can be refunded. */
export function PaymentRow({ payment, onChanged }: { payment: Payment; onChanged: () => Promise<unknown> }) {
  const [refunding, setRefunding] = useState(false);
  const reference = payment.method === 'wechat' ? payment.transactionId : payment.bankReference;
  return (
    <View className="dues-payment">
      <View className="dues-payment__head">
        <Text className="dues-payment__method">{PAYMENT_METHOD_NAMES[payment.method]}</Text>
        <Text className="dues-payment__amount">{formatFen(payment.amountFen)}</Text>
        <Text className={`dues-payment__status dues-payment__status--${payment.status}`}>
          {PAYMENT_STATUS_NAMES[payment.status]}
        </Text>
      </View>
      <Text className="dues-payment__meta" userSelect>
        {payment.paidOn ?? formatBeijingDate(payment.createdAt)}
        {reference ? ` · ${payment.method === 'wechat' ? '交易单号' : '流水号'} ${reference}` : ''}
        {payment.payerName ? ` · ${payment.payerName}` : ''}
      </Text>
      {payment.refunds.map((refund) => (
        <Text key={refund.id} className={`dues-payment__refund dues-payment__refund--${refund.status}`}>
          退款 {formatFen(refund.amountFen)} · {REFUND_STATUS_NAMES[refund.status]} · {refund.reason} ·{' '}
          {formatBeijingTime(refund.createdAt)}
        </Text>
      ))}
      {refundableFen(payment) > 0 && !refunding ? (
        <View className="dues-actions">
          <Button
            className="dues-actions__button dues-payment__refund-open"
            size="mini"
            onClick={() => setRefunding(true)}
          >
            退款
          </Button>
        </View>
      ) : null}
      {refunding ? (
        <RefundForm
          payment={payment}
          onCancel={() => setRefunding(false)}
          onDone={async () => {
            setRefunding(false);
            await onChanged();
          }}
        />
      ) : null}
    </View>
  );
}
