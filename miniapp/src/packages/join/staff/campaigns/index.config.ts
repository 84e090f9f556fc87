export default definePageConfig({
  navigationBarTitleText: '入会推广码',
  enablePullDownRefresh: true,
});
