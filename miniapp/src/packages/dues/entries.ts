import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';

export default {
  me: [
    {
      // Beside 我的单位: the unit's bills, for its contacts.
      section: '入会与消息',
      order: 31,
      text: '会费',
      route: ROUTES.dues,
      modifier: 'dues',
      visible: ({ me }) => me.unit !== null,
      value: () => '账单、缴费与票据',
    },
  ],
} satisfies FeatureEntries;
