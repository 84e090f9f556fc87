import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { duesSettingsSchema, ErrorCode, type DuesSettings, type DuesSettingsResponse } from '@itss/shared';
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
import { StaffField } from '@/packages/staff/components/units';
import { putDuesSettings } from '@/packages/dues/api';

const FIELDS: {
  key: keyof DuesSettings;
  label: string;
  placeholder: string;
  maxlength: number;
  hint?: string;
}[] = [
  { key: 'accountName', label: '收款户名', placeholder: '如：中国电子工业标准化技术协会', maxlength: 100 },
  { key: 'bankName', label: '开户银行', placeholder: '如：中国工商银行北京某某支行', maxlength: 100 },
  { key: 'accountNumber', label: '银行账号', placeholder: '收款账号', maxlength: 40 },
  {
    key: 'dueMonthDay',
    label: '每年缴费截止日（月-日）',
    placeholder: '03-31',
    maxlength: 5,
    hint: '生成账单时未另填截止日期的，按此日期；已过此日期时为生成后 30 天',
  },
  {
    key: 'openMonthDay',
    label: '每年自动生成账单日（月-日）',
    placeholder: '01-01',
    maxlength: 5,
  },
];

/** The account members see for bank transfers, and the days the year's bills open and fall due. */
export function AccountForm({
  saved,
  onSaved,
}: {
  saved: DuesSettingsResponse;
  onSaved: () => Promise<unknown>;
}) {
  const [form, setForm] = useState<DuesSettings>(() => ({
    accountName: saved.accountName,
    bankName: saved.bankName,
    accountNumber: saved.accountNumber,
    dueMonthDay: saved.dueMonthDay,
    openMonthDay: saved.openMonthDay,
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useTask();

  const submit = async () => {
    const parsed = duesSettingsSchema.safeParse(form);
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    await run(
      async () => {
        await putDuesSettings(parsed.data);
        await Taro.showToast({ title: '已保存', icon: 'success' });
        await onSaved();
      },
      (failure) => {
        if (failure.code !== ErrorCode.ValidationFailed) return failure.message;
        setErrors(fieldErrorsOf(failure));
        return null;
      },
    );
  };

  return (
    <View className="staff-form dues-account">
      <Text className="staff-tip dues-account__wechat">
        微信支付：{saved.wechatPay ? '已开通，单位联系人可在「会费」中在线支付' : '未开通，仅支持对公转账'}
      </Text>
      {FIELDS.map((field) => (
        <StaffField key={field.key} label={field.label} hint={field.hint} error={errors[field.key]}>
          <TextInput
            className={`staff-form__input dues-account__${field.key}`}
            maxlength={field.maxlength}
            placeholder={field.placeholder}
            value={form[field.key]}
            onChange={(value) => setForm((previous) => ({ ...previous, [field.key]: value }))}
          />
        </StaffField>
      ))}
      <FormFailure className="staff-form__error" message={error} />
      <BusyButton
        className="staff-form__submit dues-account__submit"
        busy={busy}
        onClick={() => void submit()}
      >
        保存收款设置
      </BusyButton>
    </View>
  );
}
