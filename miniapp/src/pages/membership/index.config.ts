export default definePageConfig({ navigationBarTitleText: 'membership' });
