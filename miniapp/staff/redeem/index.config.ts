export default definePageConfig({ navigationBarTitleText: '申请兑现' });
