export default definePageConfig({
  navigationBarTitleText: '科创券',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  // An open period can be shared (pages/index/index.tsx, logic/share.ts).
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
