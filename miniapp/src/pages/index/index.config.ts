export default definePageConfig({
  navigationBarTitleText: 'ITSS 分会',
  enablePullDownRefresh: true,
});
