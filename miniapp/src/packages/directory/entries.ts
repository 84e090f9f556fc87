import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';

export default {
  me: [
    {
      section: '入会与消息',
      order: 31,
      text: '会员名录',
      route: ROUTES.directory,
      modifier: 'directory',
      visible: ({ me }) => me.unit === null,
      value: () => '申请成为单位联系人',
    },
  ],
  home: [
    {
      key: 'directory',
      order: 20,
      title: '会员名录',
      desc: '查询会员单位',
      mark: '录',
      route: ROUTES.directory,
    },
  ],
} satisfies FeatureEntries;
