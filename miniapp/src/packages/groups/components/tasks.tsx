import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { GroupError } from '@itss/shared';
import { type ReactNode, useState } from 'react';
import { usePageData } from '@/components/kit/page-data';
import { RequestView } from '@/components/state';
import { toApiError } from '@/services/http';
import '@/packages/staff/components/units.scss';
import './tasks.scss';
import { showModal } from '@/services/modal';

function TaskTabs({ done, onChange }: { done: boolean; onChange: (done: boolean) => void }) {
  return (
    <View className="staff-chips task-tabs">
      {[false, true].map((value) => (
        <View
          key={String(value)}
          className={`staff-chips__chip${done === value ? ' staff-chips__chip--active' : ''}`}
          onClick={() => onChange(value)}
        >
          {value ? '已处理' : '待处理'}
        </View>
      ))}
    </View>
  );
}

/**
 * A staff task list, pending or done: the 待处理 / 已处理 tabs, then each task's row, given a way to
 * refresh the list once the row's task is ticked off.
 */
export function TaskList<T extends { id: number }>({
  load,
  emptyText,
  tip,
  children,
}: {
  load: (done: boolean) => Promise<{ items: T[] }>;
  emptyText: (done: boolean) => string;
  tip?: string;
  children: (item: T, onChanged: () => Promise<unknown>) => ReactNode;
}) {
  const [done, setDone] = useState(false);
  return (
    <>
      {tip ? <Text className="staff-tip task-list__tip">{tip}</Text> : null}
      <TaskTabs done={done} onChange={setDone} />
      <Tasks key={String(done)} load={() => load(done)} emptyText={emptyText(done)}>
        {children}
      </Tasks>
    </>
  );
}

function Tasks<T extends { id: number }>({
  load,
  emptyText,
  children,
}: {
  load: () => Promise<{ items: T[] }>;
  emptyText: string;
  children: (item: T, onChanged: () => Promise<unknown>) => ReactNode;
}) {
  const { state, reload, refresh } = usePageData(load);
  return (
    <RequestView
      state={state}
      onRetry={() => void reload()}
      isEmpty={(list) => !list.items.length}
      emptyText={emptyText}
    >
      {(list) => <View className="task-list">{list.items.map((item) => children(item, refresh))}</View>}
    </RequestView>
  );
}

/**
 * 已处理 / 已移出: ticks one task off and shows the list again. Another staff member ticking it first
 * is no failure to dwell on: the list is refreshed with a short note.
 */
export function DoneButton({
  label,
  confirm,
  finish,
  onChanged,
}: {
  label: string;
  confirm: { title: string; content: string };
  finish: () => Promise<unknown>;
  onChanged: () => Promise<unknown>;
}) {
  const [busy, setBusy] = useState(false);
  const tap = async () => {
    const answer = await showModal({ ...confirm, confirmText: label });
    if (!answer.confirm) return;
    setBusy(true);
    try {
      await finish();
      await Taro.showToast({ title: '已处理', icon: 'success' });
    } catch (thrown) {
      const error = toApiError(thrown);
      if (error.code === GroupError.AlreadyDone)
        await Taro.showToast({ title: '已由其他工作人员处理', icon: 'none' });
      else await showModal({ title: '操作未完成', content: error.message, showCancel: false });
    } finally {
      setBusy(false);
      await onChanged();
    }
  };
  return (
    <Button
      className="staff-button staff-button--primary task-row__done"
      size="mini"
      disabled={busy || undefined}
      onClick={() => void tap()}
    >
      {label}
    </Button>
  );
}
