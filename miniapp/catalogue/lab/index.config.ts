export default definePageConfig({ navigationBarTitleText: '实验室' });
