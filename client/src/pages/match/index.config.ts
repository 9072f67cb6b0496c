export default definePageConfig({ navigationBarTitleText: '互选', enablePullDownRefresh: true });
