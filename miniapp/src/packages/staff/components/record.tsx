import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useWideLayout } from '@/components/kit/layout';
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

interface RecordColumnsProps {
  /** The record's name and state: across the page on a desk, first on a phone. */
  head: ReactNode;
  /** What the record holds (its fields, contacts, files). */
  main: ReactNode;
  /** What staff do with it: on a desk at the top of the right column, on a phone right after the head. */
  actions?: ReactNode;
  /** What happened to it (its history): under the actions on a desk, last on a phone. */
  side?: ReactNode;
}

/**
 * A staff record page's layout: on a desk the details on the left and the actions and history on the
 * right, side by side; on a phone one column, the actions where a thumb expects them.
 */
export function RecordColumns({ head, main, actions, side }: RecordColumnsProps) {
  const wide = useWideLayout();
  if (!wide)
    return (
      <>
        {head}
        {actions}
        {main}
        {side}
      </>
    );
  return (
    <>
      {head}
      <View className="record-columns">
        <View className="record-columns__main">{main}</View>
        <View className="record-columns__side">
          {actions}
          {side}
        </View>
      </View>
    </>
  );
}
