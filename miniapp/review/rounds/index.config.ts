export default definePageConfig({ navigationBarTitleText: '评审批次' });
