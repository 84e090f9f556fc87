export default definePageConfig({
  navigationBarTitleText: '会员单位详情',
  enablePullDownRefresh: true,
});
