export default definePageConfig({ navigationBarTitleText: '确认合作申请' });
