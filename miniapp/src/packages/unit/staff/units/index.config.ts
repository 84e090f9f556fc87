import { PAGE_TITLES } from '@/routes';

export default definePageConfig({
  navigationBarTitleText: PAGE_TITLES.units,
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
