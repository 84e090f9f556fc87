import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';
import { getReceiptRequests } from './api';

/** One page of open requests is the count; past it the tile says "50+". */
const COUNT_PAGE = 50;

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
  workbench: [
    {
      section: '会员',
      order: 24,
      text: '会费',
      route: ROUTES.duesOverview,
      modifier: 'dues',
      count: {
        load: async () => {
          const page = await getReceiptRequests('requested', null, COUNT_PAGE);
          return { count: page.items.length, more: page.nextCursor !== null };
        },
        label: '份开票申请',
        none: '暂无开票申请',
      },
    },
  ],
} satisfies FeatureEntries;
