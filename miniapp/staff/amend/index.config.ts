export default definePageConfig({ navigationBarTitleText: '变更合同' });
