export default definePageConfig({ navigationBarTitleText: '年度考核' });
