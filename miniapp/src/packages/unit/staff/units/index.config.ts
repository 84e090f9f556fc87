export default definePageConfig({
  navigationBarTitleText: '会员单位',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
