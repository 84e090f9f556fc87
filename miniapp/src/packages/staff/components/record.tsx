import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { formatBeijingTime } from '@/utils/format';
import './record.scss';

/** A labelled value of a record a staff member reads (an application, a unit), selectable to copy. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="record-field">
      <Text className="record-field__label">{label}</Text>
      <Text className="record-field__value" userSelect>
        {children}
      </Text>
    </View>
  );
}

/** One state a record entered: which, when, by whom, and why when a reason was given. */
export function HistoryRow({
  state,
  at,
  by,
  reason,
}: {
  state: string;
  at: string;
  by: string;
  reason: string | null;
}) {
  return (
    <View className="record-history__row">
      <View className="record-history__head">
        <Text className="record-history__state">{state}</Text>
        <Text className="record-history__time">{formatBeijingTime(at)}</Text>
      </View>
      <Text className="record-history__by">{by}</Text>
      {reason ? <Text className="record-history__note">原因：{reason}</Text> : null}
    </View>
  );
}
