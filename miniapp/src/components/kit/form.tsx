import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ComponentProps, type ReactNode, useCallback, useEffect, useState } from 'react';
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

/**
 * Every field with an error carries this class, whatever its block: how the first one is found.
 * A field with a warning carries `form-field--warning`.
 */
export const FIELD_ERROR_CLASS = 'form-field--error';
/** The room left above a revealed field, so its label is not under the top edge (px). */
const REVEAL_MARGIN_PX = 80;

interface FormFieldProps {
  /** The stylesheet's block: `<block>__label`, `__optional`, `__hint`, `__warning`, `__error`. */
  block: string;
  /** The field's own class, `<block>` unless given; `--error` is added to it while it has one. */
  className?: string;
  label?: string;
  optional?: boolean;
  /** A line under the input, while there is no error or warning. */
  hint?: string;
  /** Something to check that does not stop the form (shown while there is no error). */
  warning?: string | null;
  error?: string;
  children: ReactNode;
}

function fieldClass(className: string, error?: string, warning?: string | null): string {
  if (error) return `${className} ${className}--error form-field ${FIELD_ERROR_CLASS}`;
  if (warning) return `${className} ${className}--warning form-field form-field--warning`;
  return `${className} form-field`;
}

/** A labelled input with the message the contract or the server gave for it. */
export function FormField({
  block,
  className = block,
  label,
  optional,
  hint,
  warning,
  error,
  children,
}: FormFieldProps) {
  return (
    <View className={fieldClass(className, error, warning)}>
      {label ? (
        <Text className={`${block}__label`}>
          {label}
          {optional ? <Text className={`${block}__optional`}>（选填）</Text> : null}
        </Text>
      ) : null}
      {children}
      {hint && !error && !warning ? <Text className={`${block}__hint`}>{hint}</Text> : null}
      {warning && !error ? <View className={`${block}__warning`}>{warning}</View> : null}
      {error ? (
        <View className={`${block}__error`} role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}

/**
 * Scrolls the page so the first field with an error, in the page's order, is in view. In the
 * browser the element scrolls itself into view: Taro's H5 pageScrollTo measures `offsetTop` from
 * the nearest positioned parent (a card), not from the page, and would land short.
 */
function scrollToFirstError(): void {
  if (process.env.TARO_ENV === 'h5') {
    // Pages under the top one stay in the document, hidden: only a shown field counts.
    const first = Array.from(document.querySelectorAll<HTMLElement>(`.${FIELD_ERROR_CLASS}`)).find(
      (element) => element.getClientRects().length > 0,
    );
    first?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    return;
  }
  Taro.pageScrollTo({
    selector: `.${FIELD_ERROR_CLASS}`,
    offsetTop: -REVEAL_MARGIN_PX,
    duration: 300,
  }).catch(() => undefined);
}

/**
 * For a form longer than the screen: call the returned function where a failed submission sets
 * its field errors. Once they are drawn, the first field with one is scrolled into view, so the
 * person sees what to fix, not only a toast.
 */
export function useRevealFirstError(): () => void {
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    // After the render that drew the errors; on WeChat, after the view layer has them too.
    if (requests) Taro.nextTick(scrollToFirstError);
  }, [requests]);
  return useCallback(() => setRequests((count) => count + 1), []);
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
