import { PAGE_TITLES } from '@/routes';

export default definePageConfig({
  navigationBarTitleText: PAGE_TITLES.levelRequests,
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
