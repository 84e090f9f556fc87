import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';

export default {
  me: [
    {
      // After 我的单位 (会员名录 between them shows only to those without a unit).
      section: '入会与消息',
      order: 32,
      text: '会费',
      route: ROUTES.dues,
      modifier: 'dues',
      visible: ({ me }) => me.unit !== null,
      value: () => '账单、缴费与票据',
    },
  ],
} satisfies FeatureEntries;
