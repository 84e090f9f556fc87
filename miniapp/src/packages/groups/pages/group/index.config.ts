export default definePageConfig({
  navigationBarTitleText: '加入会员微信群',
  enablePullDownRefresh: true,
});
