export default definePageConfig({ navigationBarTitleText: '入库申请' });
