export default definePageConfig({
  navigationBarTitleText: '会员风采投稿',
});
