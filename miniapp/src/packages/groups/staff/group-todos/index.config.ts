export default definePageConfig({
  navigationBarTitleText: '入群待办',
  enablePullDownRefresh: true,
});
