import { View } from '@tarojs/components';
import { contactIdentitySchema, joinRequestBodySchema } from '@itss/shared';
import { useState } from 'react';
import {
  BusyButton,
  fieldErrors,
  type FieldErrors,
  fieldErrorsOf,
  FormFailure,
  FormField,
  TextInput,
  useRevealFirstError,
} from '@/components/kit/form';
import { ApiError } from '@/services/http';
import './index.scss';

const IDENTITY_FIELDS = ['creditCode', 'name', 'title'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];
type Values = Record<IdentityField, string>;
/** What the form sends: the credit code only when it asked for one. */
export interface IdentityFormBody {
  creditCode?: string;
  name: string;
  title?: string;
}

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
  return parsed.success ? { body: parsed.data } : { errors: fieldErrors(parsed.error.issues) };
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
  const revealFirstError = useRevealFirstError();

  const submit = async () => {
    const checked = check(values, withCreditCode);
    if ('errors' in checked) {
      setErrors(checked.errors);
      revealFirstError();
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      await onSubmit(checked.body);
    } catch (thrown) {
      // A refusal that names a field is shown beside it; anything else above the button.
      const error = thrown instanceof ApiError ? thrown : null;
      const refused = error ? fieldErrorsOf(error) : {};
      const fields: FieldErrors = {};
      for (const field of IDENTITY_FIELDS) if (refused[field]) fields[field] = refused[field];
      if (Object.keys(fields).length) {
        setErrors(fields);
        revealFirstError();
      } else setFailure(error?.message ?? '提交失败，请稍后重试');
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
    <FormField block="identity-field" label={label} optional={optional} error={errors[key]}>
      <TextInput
        className={`identity-input identity-input--${key}`}
        value={values[key]}
        placeholder={placeholder}
        maxlength={maxlength}
        onChange={(value) => setValues((previous) => ({ ...previous, [key]: value }))}
      />
    </FormField>
  );

  return (
    <View className="identity-form">
      {withCreditCode ? field('creditCode', '统一社会信用代码', '营业执照上的 18 位代码', 18) : null}
      {field('name', '姓名', '您的真实姓名，用作群昵称', 20)}
      {field('title', '职务', '如：市场部经理', 30, true)}
      <FormFailure className="identity-form__failure" message={failure} />
      <BusyButton className="identity-form__submit" busy={busy} onClick={() => void submit()}>
        {submitText}
      </BusyButton>
    </View>
  );
}
