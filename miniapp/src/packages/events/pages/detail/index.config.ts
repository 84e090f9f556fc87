import { PAGE_TITLES } from '@/routes';

export default definePageConfig({
  navigationBarTitleText: PAGE_TITLES.event,
  enablePullDownRefresh: true,
  // The event is shared into chats (useShareAppMessage): the card opens this page.
  enableShareAppMessage: true,
});
