import { PAGE_TITLES } from '@/routes';

export default definePageConfig({
  navigationBarTitleText: PAGE_TITLES.eventInvoices,
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
