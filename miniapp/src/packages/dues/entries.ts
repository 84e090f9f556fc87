import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';
import { getReceiptRequests } from './api';

/** One page of open requests is the count; past it the tile says "50+". */
const COUNT_PAGE = 50;

export default {
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
