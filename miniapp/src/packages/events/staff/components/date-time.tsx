import { Button, Picker, View } from '@tarojs/components';
import { useState } from 'react';
import { PickerValue } from '@/components/kit/pickers';
import { beijingInstant, beijingParts, beijingToday } from '@/utils/format';

/** A Beijing date and time as the two pickers hold them; '' until picked. */
export interface DateTime {
  date: string;
  time: string;
}

export const NO_DATE_TIME: DateTime = { date: '', time: '' };

/** The stored instant as the pickers show it in Beijing time. */
export function dateTimeOf(iso: string | null | undefined): DateTime {
  if (!iso) return NO_DATE_TIME;
  const at = new Date(iso).getTime();
  return Number.isNaN(at) ? NO_DATE_TIME : beijingParts(at);
}

export const isPicked = (value: DateTime): boolean => value.date !== '' && value.time !== '';

/** The instant picked, as the contract's ISO string; undefined until both parts are picked. */
export function isoOf(value: DateTime): string | undefined {
  return isPicked(value) ? new Date(beijingInstant(value.date, value.time)).toISOString() : undefined;
}

interface DateTimeFieldProps {
  /** The pickers' handle: `<className>__date`, `<className>__time`. */
  className: string;
  value: DateTime;
  onChange: (value: DateTime) => void;
  /** The time a date picked first starts with (e.g. 09:00 for a start, 17:00 for an end). */
  defaultTime: string;
  /** An optional time offers 清除. */
  clearable?: boolean;
}

/** A date wheel and a time wheel side by side, in Beijing time whatever the phone's zone. */
export function DateTimeField({
  className,
  value,
  onChange,
  defaultTime,
  clearable = false,
}: DateTimeFieldProps) {
  // Where the date wheel opens before anything is picked; fixed when the field appears.
  const [today] = useState(() => beijingToday());
  return (
    <View className="date-time">
      <Picker
        className={`date-time__date ${className}__date`}
        mode="date"
        value={value.date || today}
        onChange={(event) => onChange({ date: String(event.detail.value), time: value.time || defaultTime })}
      >
        <PickerValue
          block="staff-form"
          className="staff-form__picker"
          text={value.date}
          placeholder="选择日期"
        />
      </Picker>
      <Picker
        className={`date-time__time ${className}__time`}
        mode="time"
        value={value.time || defaultTime}
        onChange={(event) => onChange({ date: value.date, time: String(event.detail.value) })}
      >
        <PickerValue block="staff-form" className="staff-form__picker" text={value.time} placeholder="时间" />
      </Picker>
      {clearable && (value.date || value.time) ? (
        <Button className="date-time__clear" size="mini" onClick={() => onChange(NO_DATE_TIME)}>
          清除
        </Button>
      ) : null}
    </View>
  );
}
