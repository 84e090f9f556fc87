import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';
import { getGroupRemovals, getGroupTodos } from './api';

export default {
  workbench: [
    { section: '会员', order: 21, text: '会员微信群', route: ROUTES.groups },
    {
      section: '会员',
      order: 22,
      text: '入群待办',
      route: ROUTES.groupTodos,
      modifier: 'todos',
      count: {
        load: async () => ({ count: (await getGroupTodos(false)).open }),
        label: '项入群待办',
        none: '暂无待办',
      },
    },
    {
      section: '会员',
      order: 23,
      text: '待移出群聊',
      route: ROUTES.groupRemovals,
      modifier: 'removals',
      count: {
        load: async () => ({ count: (await getGroupRemovals(false)).open }),
        label: '人待移出群聊',
        none: '暂无',
      },
    },
  ],
  me: [
    { section: '入会与消息', order: 60, text: '加入会员微信群', route: ROUTES.groupEntry, modifier: 'group' },
  ],
} satisfies FeatureEntries;
