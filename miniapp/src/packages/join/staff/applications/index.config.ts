export default definePageConfig({
  navigationBarTitleText: '入会审核',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
