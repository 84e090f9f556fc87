import { PAGE_TITLES } from '@/routes';

export default definePageConfig({
  navigationBarTitleText: PAGE_TITLES.notices,
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
