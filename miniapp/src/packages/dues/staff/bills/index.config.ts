import { PAGE_TITLES } from '@/routes';

export default definePageConfig({
  navigationBarTitleText: PAGE_TITLES.duesBills,
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
