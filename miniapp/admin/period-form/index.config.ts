export default definePageConfig({ navigationBarTitleText: '发放周期' });
