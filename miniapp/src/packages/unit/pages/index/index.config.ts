import { PAGE_TITLES } from '@/routes';

export default definePageConfig({
  navigationBarTitleText: PAGE_TITLES.myUnit,
  enablePullDownRefresh: true,
  // The invite's share card (onShareAppMessage).
  enableShareAppMessage: true,
});
