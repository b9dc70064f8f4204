export default definePageConfig({ navigationBarTitleText: '兑现申请' });
