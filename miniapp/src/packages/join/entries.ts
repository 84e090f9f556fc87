import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';
import { getApplications } from './api';

export default {
  workbench: [
    {
      section: '入会',
      order: 10,
      text: '入会审核',
      route: ROUTES.reviewQueue,
      modifier: 'applications',
      // One row is enough: the answer carries the number waiting.
      count: {
        load: async () => ({ count: (await getApplications({}, null, 1)).pending }),
        label: '份待审核',
        none: '暂无待审核',
      },
    },
    {
      section: '入会',
      order: 11,
      text: '入会推广码',
      route: ROUTES.campaigns,
      visible: (can) => can.manageCampaigns === true,
    },
  ],
  me: [
    {
      section: '入会与消息',
      order: 10,
      text: '我的申请',
      route: ROUTES.myApplications,
      modifier: 'applications',
    },
  ],
} satisfies FeatureEntries;
