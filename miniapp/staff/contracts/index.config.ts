export default definePageConfig({ navigationBarTitleText: '本单位合作申请', enablePullDownRefresh: true });
