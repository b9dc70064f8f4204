export default definePageConfig({
  navigationBarTitleText: '资格核验与登记',
});
