import type { FeatureEntries } from '@/registry';
import { ROUTES } from '@/routes';

export default {
  workbench: [
    { section: '资讯', order: 30, text: '文章管理', route: ROUTES.manageArticles, modifier: 'articles' },
  ],
} satisfies FeatureEntries;
