export default definePageConfig({ navigationBarTitleText: '申请合作' });
