export default definePageConfig({
  navigationBarTitleText: '我的投稿',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
