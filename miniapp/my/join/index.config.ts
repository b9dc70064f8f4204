export default definePageConfig({ navigationBarTitleText: '加入开放单位' });
