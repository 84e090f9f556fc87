import { Text, View } from '@tarojs/components';
import { REMOVAL_REASON_NAMES, type GroupRemoval } from '@itss/shared';
import { Card } from '@/components/section';
import { finishGroupRemoval, getGroupRemovals } from '@/packages/groups/api';
import { formatBeijingTime } from '@/utils/format';
import { DoneButton, TaskList } from '@/packages/groups/components/tasks';
import { staffOnly } from '@/components/kit/staff-page';

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

/** People shown a group's code whose unit was suspended or removed, or who left their unit. */
function GroupRemovalsPage() {
  return (
    <View className="page staff-page group-removals">
      <TaskList
        load={getGroupRemovals}
        emptyText={(done) => (done ? '暂无已移出的记录' : '暂无待移出群聊的人员')}
        tip="以下人员已不再具有会员微信群资格，请在对应微信群中按群昵称找到并移出，然后点「已移出」。"
      >
        {(removal, onChanged) => <RemovalRow key={removal.id} removal={removal} onChanged={onChanged} />}
      </TaskList>
    </View>
  );
}

export default staffOnly(GroupRemovalsPage);
