import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { GroupTodo } from '@itss/shared';
import { Card } from '@/components/section';
import { finishGroupTodo, getGroupTodos } from '@/packages/groups/api';
import { formatBeijingTime } from '@/utils/format';
import { DoneButton, TaskList } from '@/packages/groups/components/tasks';
import { ROUTES, routeUrl } from '@/routes';
import { staffOnly } from '@/components/kit/staff-page';

function TodoRow({ todo, onChanged }: { todo: GroupTodo; onChanged: () => Promise<unknown> }) {
  const person = todo.person;
  return (
    <Card className="task-row">
      <View className="task-row__body">
        {todo.kind === 'add_member' && person ? (
          <>
            <Text className="task-row__kind">拉入群聊 · {todo.group.name}</Text>
            <Text className="task-row__title">
              {person.name} · {person.unitName}
            </Text>
            <Text className="task-row__nickname">群昵称：{person.nickname}</Text>
            <Text className="task-row__line">手机号：{person.phoneMasked ?? '未绑定'}</Text>
          </>
        ) : (
          <>
            <Text className="task-row__kind task-row__kind--warning">群二维码即将过期</Text>
            <Text className="task-row__title">{todo.group.name}</Text>
            <Text className="task-row__line">请在微信群中生成新的群二维码并上传</Text>
          </>
        )}
        <Text className="task-row__meta">
          {todo.doneAt
            ? `${todo.doneBy ?? '工作人员'} 处理于 ${formatBeijingTime(todo.doneAt)}`
            : `提出于 ${formatBeijingTime(todo.createdAt)}`}
        </Text>
      </View>
      {todo.doneAt ? null : todo.kind === 'code_expiring' ? (
        <View className="task-row__actions">
          <Text
            className="staff-button task-row__link"
            onClick={() => void Taro.navigateTo({ url: routeUrl(ROUTES.groups) })}
          >
            去上传
          </Text>
          <DoneButton
            label="已处理"
            confirm={{ title: '已处理', content: `已为「${todo.group.name}」上传新的群二维码了吗？` }}
            finish={() => finishGroupTodo(todo.id)}
            onChanged={onChanged}
          />
        </View>
      ) : (
        <DoneButton
          label="已处理"
          confirm={{
            title: '已拉入群聊',
            content: `已将${person?.name ?? ''}拉入「${todo.group.name}」，并请其将群昵称改为「${person?.nickname ?? ''}」了吗？`,
          }}
          finish={() => finishGroupTodo(todo.id)}
          onChanged={onChanged}
        />
      )}
    </Card>
  );
}

/** People to add to a group by hand (no current code when they asked), and codes about to expire. */
function GroupTodosPage() {
  return (
    <View className="page staff-page group-todos">
      <TaskList load={getGroupTodos} emptyText={(done) => (done ? '暂无已处理的待办' : '暂无入群待办')}>
        {(todo, onChanged) => <TodoRow key={todo.id} todo={todo} onChanged={onChanged} />}
      </TaskList>
    </View>
  );
}

export default staffOnly(GroupTodosPage);
