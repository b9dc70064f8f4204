export default definePageConfig({ navigationBarTitleText: '违规案件' });
