export default definePageConfig({
  navigationBarTitleText: '科创券',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
