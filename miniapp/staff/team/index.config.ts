export default definePageConfig({ navigationBarTitleText: '本单位工作人员', enablePullDownRefresh: true });
