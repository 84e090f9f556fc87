export default definePageConfig({
  navigationBarTitleText: '会员微信群',
  enablePullDownRefresh: true,
});
