export default definePageConfig({
  navigationBarTitleText: '科创券',
});
