import { Button, Input, Text, View } from '@tarojs/components';
import { contactIdentitySchema, joinRequestBodySchema } from '@itss/shared';
import { useState } from 'react';
import { ApiError, fieldMessage } from '@/services/http';
import './index.scss';

export type IdentityField = 'creditCode' | 'name' | 'title';
type Values = Record<IdentityField, string>;
/** What the form sends: the credit code only when it asked for one. */
export interface IdentityFormBody {
  creditCode?: string;
  name: string;
  title?: string;
}
export type FieldErrors = Partial<Record<IdentityField, string>>;

/** Checks the form with the contract's schema; the first message per field, or the body to send. */
function check(
  values: Values,
  withCreditCode: boolean,
): { body: IdentityFormBody } | { errors: FieldErrors } {
  const input = {
    ...(withCreditCode ? { creditCode: values.creditCode } : {}),
    name: values.name,
    ...(values.title.trim() ? { title: values.title } : {}),
  };
  const parsed = (withCreditCode ? joinRequestBodySchema : contactIdentitySchema).safeParse(input);
  if (parsed.success) return { body: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as IdentityField;
    errors[field] ??= issue.message;
  }
  return { errors };
}

/** A server refusal that names a field is shown beside it; anything else is the caller's to show. */
function fieldErrorsOf(error: ApiError): FieldErrors | null {
  if (!error.details?.length) return null;
  const errors: FieldErrors = {};
  for (const field of ['creditCode', 'name', 'title'] as const) {
    if (error.details.some((detail) => detail.path === field)) errors[field] = fieldMessage(error, field);
  }
  return Object.keys(errors).length ? errors : null;
}

interface IdentityFormProps {
  /** Asks for the unit's 统一社会信用代码 first (a join request), else only 姓名 / 职务 (an invite). */
  withCreditCode?: boolean;
  submitText: string;
  /** Resolves when done; rejects with an ApiError, shown beside its field or above the button. */
  onSubmit: (body: IdentityFormBody) => Promise<void>;
}

/** 姓名 and 职务 as the person wants them in the unit (the name makes the group nickname). */
export function IdentityForm({ withCreditCode = false, submitText, onSubmit }: IdentityFormProps) {
  const [values, setValues] = useState<Values>({ creditCode: '', name: '', title: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const checked = check(values, withCreditCode);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      await onSubmit(checked.body);
    } catch (thrown) {
      const error = thrown instanceof ApiError ? thrown : null;
      const fields = error ? fieldErrorsOf(error) : null;
      if (fields) setErrors(fields);
      else setFailure(error?.message ?? '提交失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  const field = (
    key: IdentityField,
    label: string,
    placeholder: string,
    maxlength: number,
    optional = false,
  ) => (
    <View className={`identity-field${errors[key] ? ' identity-field--error' : ''}`}>
      <Text className="identity-field__label">
        {label}
        {optional ? <Text className="identity-field__optional">（选填）</Text> : null}
      </Text>
      <Input
        className={`identity-input identity-input--${key}`}
        value={values[key]}
        placeholder={placeholder}
        maxlength={maxlength}
        onInput={(event) => setValues((previous) => ({ ...previous, [key]: event.detail.value }))}
      />
      {errors[key] ? <Text className="identity-field__error">{errors[key]}</Text> : null}
    </View>
  );

  return (
    <View className="identity-form">
      {withCreditCode ? field('creditCode', '统一社会信用代码', '营业执照上的 18 位代码', 18) : null}
      {field('name', '姓名', '您的真实姓名，用作群昵称', 20)}
      {field('title', '职务', '如：市场部经理', 30, true)}
      {failure ? (
        <View className="identity-form__failure" role="alert">
          {failure}
        </View>
      ) : null}
      <Button
        className="identity-form__submit"
        loading={busy}
        disabled={busy || undefined}
        onClick={() => void submit()}
      >
        {submitText}
      </Button>
    </View>
  );
}
