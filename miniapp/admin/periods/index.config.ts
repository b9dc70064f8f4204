export default definePageConfig({
  navigationBarTitleText: '周期管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
