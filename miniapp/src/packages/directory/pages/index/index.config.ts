export default definePageConfig({
  navigationBarTitleText: '会员名录',
  enablePullDownRefresh: true,
});
