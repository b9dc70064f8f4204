export default definePageConfig({ navigationBarTitleText: '加入评审专家库' });
