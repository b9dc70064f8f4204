export default definePageConfig({ navigationBarTitleText: '周期详情' });
