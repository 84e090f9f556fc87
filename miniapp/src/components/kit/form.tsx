import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { ComponentProps, ReactNode } from 'react';
import type { ApiError } from '@/services/http';

/** Field path ('name', 'contact.mobile') → the one message shown beside that field. */
export type FieldErrors = Record<string, string>;

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * The first message per field of a failed parse with a contract schema (zod's issues). `depth`
 * is how much of the path names a field: 1 for flat forms, more where a group has its own fields.
 */
export function fieldErrors(issues: readonly Issue[], depth = 1): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.slice(0, depth).map(String).join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The server's refusal of fields (the same schema, checked again) in the same shape. */
export function fieldErrorsOf(error: ApiError, depth = 1): FieldErrors {
  return fieldErrors(
    (error.details ?? []).map((detail) => ({ path: detail.path.split('.'), message: detail.message })),
    depth,
  );
}

interface FormFieldProps {
  /** The stylesheet's block: `<block>__label`, `__optional`, `__hint`, `__error`. */
  block: string;
  /** The field's own class, `<block>` unless given; `--error` is added to it while it has one. */
  className?: string;
  label?: string;
  optional?: boolean;
  /** A line under the input, while there is no error. */
  hint?: string;
  error?: string;
  children: ReactNode;
}

/** A labelled input with the message the contract or the server gave for it. */
export function FormField({
  block,
  className = block,
  label,
  optional,
  hint,
  error,
  children,
}: FormFieldProps) {
  return (
    <View className={error ? `${className} ${className}--error` : className}>
      {label ? (
        <Text className={`${block}__label`}>
          {label}
          {optional ? <Text className={`${block}__optional`}>（选填）</Text> : null}
        </Text>
      ) : null}
      {children}
      {hint && !error ? <Text className={`${block}__hint`}>{hint}</Text> : null}
      {error ? (
        <View className={`${block}__error`} role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}

/** A form's failure that belongs to no field, above its button. */
export function FormFailure({ className, message }: { className: string; message: string | null }) {
  return message ? (
    <View className={className} role="alert">
      {message}
    </View>
  ) : null;
}

type TextProps = { value: string; onChange: (value: string) => void } & (
  | ({ multiline?: false } & Omit<ComponentProps<typeof Input>, 'onInput' | 'value'>)
  | ({ multiline: true } & Omit<ComponentProps<typeof Textarea>, 'onInput' | 'value'>)
);

/** Taro's Input (a Textarea when `multiline`) handing over the text rather than the event. */
export function TextInput({ value, onChange, ...props }: TextProps) {
  const onInput = (event: { detail: { value: string } }) => onChange(event.detail.value);
  if (props.multiline) {
    const { multiline: _multiline, ...area } = props;
    return <Textarea {...area} value={value} onInput={onInput} />;
  }
  const { multiline: _single, ...input } = props;
  return <Input {...input} value={value} onInput={onInput} />;
}

/** A form's action button: spinning and off while its task runs (and off when `disabled`). */
export function BusyButton({
  busy,
  disabled = false,
  ...props
}: Omit<ComponentProps<typeof Button>, 'loading'> & { busy: boolean }) {
  return <Button {...props} loading={busy} disabled={busy || disabled || undefined} />;
}
