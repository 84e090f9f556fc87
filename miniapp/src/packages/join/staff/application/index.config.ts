export default definePageConfig({
  navigationBarTitleText: '入会申请',
  enablePullDownRefresh: true,
});
