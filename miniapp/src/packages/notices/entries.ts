import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';

export default {
  workbench: [
    {
      section: '会员',
      order: 26,
      text: '会员通知',
      route: ROUTES.notices,
      modifier: 'notices',
    },
  ],
} satisfies FeatureEntries;
