export default definePageConfig({ navigationBarTitleText: '专家信息', enableShareAppMessage: true });
