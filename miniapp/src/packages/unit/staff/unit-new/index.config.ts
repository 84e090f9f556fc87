export default definePageConfig({
  navigationBarTitleText: '新增会员单位',
});
