export default definePageConfig({ navigationBarTitleText: '开启年度考核' });
