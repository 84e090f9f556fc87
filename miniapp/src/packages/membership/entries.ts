import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';

export default {
  home: [
    {
      key: 'membership',
      order: 10,
      title: '会员权益',
      desc: '级别与年费',
      mark: '权',
      route: ROUTES.membership,
    },
  ],
} satisfies FeatureEntries;
