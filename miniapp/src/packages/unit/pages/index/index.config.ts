export default definePageConfig({
  navigationBarTitleText: '我的单位',
  enablePullDownRefresh: true,
  // The invite's share card (onShareAppMessage).
  enableShareAppMessage: true,
});
