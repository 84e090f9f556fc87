import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';
import { getArrears, getLevelRequests } from './api';

/** One page of open requests is the count; past it the tile says "50+". */
const COUNT_PAGE = 50;

// The member's way in is the 会员资格 block on 我的单位 (a 我的 row would only repeat it).
export default {
  workbench: [
    {
      section: '会员',
      // After 欠费与除名: the console lights the first tile of the feature for the unit's arrears page.
      order: 20.6,
      text: '会员级别申请',
      route: ROUTES.levelRequests,
      modifier: 'level-requests',
      count: {
        load: async () => {
          const page = await getLevelRequests('open', null, COUNT_PAGE);
          return { count: page.items.length, more: page.nextCursor !== null };
        },
        label: '份待审核',
        none: '暂无待审核',
      },
    },
    {
      section: '会员',
      // Beside 会员单位; first of the feature, so a unit's arrears page lights it in the console.
      order: 20.5,
      text: '欠费与除名',
      route: ROUTES.arrears,
      modifier: 'arrears',
      count: {
        load: async () => ({ count: (await getArrears(true)).items.length }),
        label: '家建议除名',
        none: '暂无建议除名',
      },
    },
  ],
} satisfies FeatureEntries;
