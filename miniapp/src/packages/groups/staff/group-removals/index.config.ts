export default definePageConfig({
  navigationBarTitleText: '待移出群聊',
  enablePullDownRefresh: true,
});
