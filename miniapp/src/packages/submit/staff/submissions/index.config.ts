export default definePageConfig({
  navigationBarTitleText: '投稿审核',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
