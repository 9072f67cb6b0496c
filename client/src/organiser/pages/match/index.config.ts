export default definePageConfig({ navigationBarTitleText: '交友活动管理', enablePullDownRefresh: true });
