export default definePageConfig({ navigationBarTitleText: '公开数据', enablePullDownRefresh: true });
