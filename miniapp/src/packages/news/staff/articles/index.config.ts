import { PAGE_TITLES } from '@/routes';

export default definePageConfig({
  navigationBarTitleText: PAGE_TITLES.manageArticles,
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
