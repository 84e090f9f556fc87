export default definePageConfig({
  navigationBarTitleText: '联系人名额',
});
