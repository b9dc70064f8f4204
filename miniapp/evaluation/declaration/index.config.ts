export default definePageConfig({ navigationBarTitleText: '考核申报详情' });
