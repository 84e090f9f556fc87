import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';
import { getSubmissions } from './api';

export default {
  workbench: [
    {
      section: '资讯',
      order: 31,
      text: '投稿审核',
      route: ROUTES.submissionQueue,
      modifier: 'submissions',
      // One page of the review queue: its size is the count, "20+" when there are more.
      count: {
        load: async () => {
          const page = await getSubmissions('in_review', null);
          return { count: page.items.length, more: Boolean(page.nextCursor) };
        },
        label: '篇投稿待审核',
        none: '暂无投稿',
      },
    },
  ],
  me: [
    {
      section: '入会与消息',
      order: 40,
      text: '会员风采投稿',
      route: ROUTES.mySubmissions,
      modifier: 'submit',
      visible: ({ me }) => me.unit !== null,
      value: () => '会员风采、优秀案例',
    },
  ],
} satisfies FeatureEntries;
