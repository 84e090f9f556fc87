import { Picker, Text, View } from '@tarojs/components';
import { BILL_STATUS_NAMES, formatFen, type Bill } from '@itss/shared';
import { useMemo } from 'react';
import { StatusBadge } from '@/components/kit/badges';
import { PickerValue } from '@/components/kit/pickers';
import { beijingToday } from '@/utils/format';
import './dues.scss';

/** This year in Beijing, the year staff mostly work on. */
export function currentYear(): number {
  return Number(beijingToday().slice(0, 4));
}

/** Next year (its fees are set ahead) back to a few years of arrears. */
const YEARS_BACK = 5;

export function yearChoices(): number[] {
  const now = currentYear();
  return Array.from({ length: YEARS_BACK + 2 }, (_, index) => now + 1 - index);
}

/** A bill's state as its coloured tag; an open bill past its due date also says 逾期. */
export function BillStatusBadge({ bill }: { bill: Pick<Bill, 'status' | 'overdue'> }) {
  return (
    <View className="bill-badges">
      <StatusBadge block="bill-status" state={bill.status} names={BILL_STATUS_NAMES} />
      {bill.overdue ? <Text className="bill-status bill-status--overdue">逾期</Text> : null}
    </View>
  );
}

/** Paid against owed, and the credit when more arrived than was owed. */
export function paidText(bill: Pick<Bill, 'amountFen' | 'paidFen'>): string {
  const credit = bill.paidFen - bill.amountFen;
  return credit > 0 ? `${formatFen(bill.paidFen)}（余 ${formatFen(credit)}）` : formatFen(bill.paidFen);
}

/** A year out of `yearChoices`, as a picker showing "2026 年度". */
export function YearPicker({
  className,
  value,
  onChange,
  anyLabel,
}: {
  className: string;
  value: number | undefined;
  onChange: (year: number | undefined) => void;
  /** Offered first when the year may be left open (the bills list: every year). */
  anyLabel?: string;
}) {
  const years = useMemo(() => yearChoices(), []);
  const names = useMemo(
    () => [...(anyLabel ? [anyLabel] : []), ...years.map((year) => `${year} 年度`)],
    [anyLabel, years],
  );
  const offset = anyLabel ? 1 : 0;
  const index = value === undefined ? (anyLabel ? 0 : -1) : years.indexOf(value) + offset;
  return (
    <Picker
      className={className}
      mode="selector"
      range={names}
      value={Math.max(index, 0)}
      onChange={(event) => {
        const chosen = Number(event.detail.value) - offset;
        onChange(chosen < 0 ? undefined : years[chosen]);
      }}
    >
      <PickerValue
        block="staff-form"
        className="staff-form__picker"
        text={index >= 0 ? (names[index] ?? '') : ''}
        placeholder="选择年度"
      />
    </Picker>
  );
}
