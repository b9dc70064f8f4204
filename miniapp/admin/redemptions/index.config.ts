export default definePageConfig({ navigationBarTitleText: '兑现审核', enablePullDownRefresh: true });
