export default definePageConfig({ navigationBarTitleText: '开放单位' });
