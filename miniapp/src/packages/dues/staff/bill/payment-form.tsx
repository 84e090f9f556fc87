import { Picker, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  ErrorCode,
  formatFen,
  parseYuanToFen,
  recordPaymentRequestSchema,
  type BillDetail,
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
import { PickerValue } from '@/components/kit/pickers';
import { useTask } from '@/components/kit/use-task';
import { showModal } from '@/services/modal';
import { beijingToday } from '@/utils/format';
import { StaffField } from '@/packages/staff/components/units';
import { recordPayment } from '@/packages/dues/api';

interface Form {
  /** Yuan as typed ("3000", "3,000.50"); turned into fen only on submission. */
  amount: string;
  paidOn: string;
  bankReference: string;
  payerName: string;
}

const yuanText = (fen: number) => (fen % 100 ? (fen / 100).toFixed(2) : String(fen / 100));

/**
 * 登记到账: a bank transfer staff saw arrive, with the statement's 流水号 (credited once, ever). The
 * page keys it by what was paid, so a recorded payment starts a fresh form at the new amount owed.
 */
export function PaymentForm({ bill, onRecorded }: { bill: BillDetail; onRecorded: () => Promise<unknown> }) {
  const owed = Math.max(bill.amountFen - bill.paidFen, 0);
  const [form, setForm] = useState<Form>(() => ({
    amount: owed ? yuanText(owed) : '',
    paidOn: beijingToday(),
    bankReference: '',
    payerName: bill.unitName,
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useTask();
  const update = (change: Partial<Form>) => setForm((previous) => ({ ...previous, ...change }));

  const submit = async () => {
    const amountFen = parseYuanToFen(form.amount);
    const parsed = recordPaymentRequestSchema.safeParse({
      amountFen: amountFen ?? undefined,
      paidOn: form.paidOn,
      bankReference: form.bankReference,
      payerName: form.payerName,
    });
    const found = parsed.success ? {} : fieldErrors(parsed.error.issues);
    if (amountFen === null) found.amountFen = '请填写金额（元），最多两位小数，如 3000 或 3000.50';
    setErrors(found);
    if (!parsed.success || amountFen === null) return;
    const { confirm } = await showModal({
      title: '登记到账',
      content: `${bill.unitName} ${bill.year} 年度会费到账 ${formatFen(parsed.data.amountFen)}，流水号 ${parsed.data.bankReference}。确定登记吗？`,
      confirmText: '登记',
    });
    if (!confirm) return;
    await run(
      async () => {
        await recordPayment(bill.id, parsed.data);
        await Taro.showToast({ title: '已登记到账', icon: 'success' });
        await onRecorded();
      },
      (failure) => {
        if (failure.code !== ErrorCode.ValidationFailed) return failure.message;
        setErrors(fieldErrorsOf(failure));
        return null;
      },
    );
  };

  return (
    <View className="staff-form dues-payment-form">
      <View className="dues-pair">
        <StaffField label="到账金额（元）" error={errors.amountFen}>
          <TextInput
            className="staff-form__input dues-payment-form__amount"
            type="digit"
            maxlength={16}
            placeholder="如 3000 或 3000.50"
            value={form.amount}
            onChange={(amount) => update({ amount })}
          />
        </StaffField>
        <StaffField label="到账日期" error={errors.paidOn}>
          <Picker
            className="dues-payment-form__date"
            mode="date"
            value={form.paidOn}
            end={beijingToday()}
            onChange={(event) => update({ paidOn: String(event.detail.value) })}
          >
            <PickerValue
              block="staff-form"
              className="staff-form__picker"
              text={form.paidOn}
              placeholder="选择日期"
            />
          </Picker>
        </StaffField>
      </View>
      <View className="dues-pair">
        <StaffField label="银行流水号" error={errors.bankReference}>
          <TextInput
            className="staff-form__input dues-payment-form__reference"
            maxlength={64}
            placeholder="银行回单上的流水号"
            value={form.bankReference}
            onChange={(bankReference) => update({ bankReference })}
          />
        </StaffField>
        <StaffField label="付款户名" error={errors.payerName}>
          <TextInput
            className="staff-form__input dues-payment-form__payer"
            maxlength={100}
            placeholder="付款单位的账户名称"
            value={form.payerName}
            onChange={(payerName) => update({ payerName })}
          />
        </StaffField>
      </View>
      <FormFailure className="staff-form__error dues-payment-form__failure" message={error} />
      <BusyButton
        className="staff-form__submit dues-payment-form__submit"
        busy={busy}
        onClick={() => void submit()}
      >
        登记到账
      </BusyButton>
    </View>
  );
}
