export default definePageConfig({ navigationBarTitleText: '拨付批次' });
