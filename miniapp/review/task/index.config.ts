export default definePageConfig({ navigationBarTitleText: '评审任务' });
