import { Text, View } from '@tarojs/components';
import { REMOVAL_REASON_NAMES, type GroupRemoval } from '@itss/shared';
import { useState } from 'react';
import { Card } from '@/components/section';
import { RequestView } from '@/components/state';
import { finishGroupRemoval, getGroupRemovals } from '@/services/staff-groups';
import { usePullToRefresh } from '@/services/usePullToRefresh';
import { useRequest } from '@/services/useRequest';
import { formatBeijingTime } from '@/utils/format';
import { DoneButton, TaskTabs } from '@/packages/staff/components/tasks';

function RemovalRow({ removal, onChanged }: { removal: GroupRemoval; onChanged: () => Promise<unknown> }) {
  return (
    <Card className="task-row">
      <View className="task-row__body">
        <Text className="task-row__kind task-row__kind--warning">{REMOVAL_REASON_NAMES[removal.reason]}</Text>
        <Text className="task-row__title">
          {removal.name} · {removal.unitName}
        </Text>
        <Text className="task-row__nickname">群昵称：{removal.nickname}</Text>
        <Text className="task-row__line">所在群：{removal.group.name}</Text>
        <Text className="task-row__meta">
          {removal.doneAt
            ? `${removal.doneBy ?? '工作人员'} 移出于 ${formatBeijingTime(removal.doneAt)}`
            : `列入于 ${formatBeijingTime(removal.createdAt)}`}
        </Text>
      </View>
      {removal.doneAt ? null : (
        <DoneButton
          label="已移出"
          confirm={{
            title: '已移出群聊',
            content: `已在「${removal.group.name}」中将「${removal.nickname}」移出了吗？`,
          }}
          finish={() => finishGroupRemoval(removal.id)}
          onChanged={onChanged}
        />
      )}
    </Card>
  );
}

function RemovalList({ done }: { done: boolean }) {
  const { state, reload, refresh } = useRequest(() => getGroupRemovals(done));
  usePullToRefresh(refresh);
  return (
    <RequestView
      state={state}
      onRetry={() => void reload()}
      isEmpty={(list) => !list.items.length}
      emptyText={done ? '暂无已移出的记录' : '暂无待移出群聊的人员'}
    >
      {(list) => (
        <View className="task-list">
          {list.items.map((removal) => (
            <RemovalRow key={removal.id} removal={removal} onChanged={refresh} />
          ))}
        </View>
      )}
    </RequestView>
  );
}

/** People shown a group's code whose unit was suspended or removed, or who left their unit. */
export default function GroupRemovalsPage() {
  const [done, setDone] = useState(false);
  return (
    <View className="page staff-page group-removals">
      <Text className="staff-tip group-removals__tip">
        以下人员已不再具有会员微信群资格，请在对应微信群中按群昵称找到并移出，然后点「已移出」。
      </Text>
      <TaskTabs done={done} onChange={setDone} />
      <RemovalList key={String(done)} done={done} />
    </View>
  );
}
