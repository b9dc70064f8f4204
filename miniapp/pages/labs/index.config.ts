export default definePageConfig({
  navigationBarTitleText: '实验室',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120,
});
