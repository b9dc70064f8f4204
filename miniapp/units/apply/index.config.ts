export default definePageConfig({ navigationBarTitleText: '申请成为开放单位' });
