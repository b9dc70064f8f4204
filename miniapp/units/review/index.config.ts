export default definePageConfig({ navigationBarTitleText: '审核入库申请' });
