export default definePageConfig({
  navigationBarTitleText: '文章管理',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
