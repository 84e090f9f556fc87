export default definePageConfig({ navigationBarTitleText: 'contact' });
