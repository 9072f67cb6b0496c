export default definePageConfig({ navigationBarTitleText: '电子票', enablePullDownRefresh: true, navigationBarBackgroundColor: '#b3121a' });
