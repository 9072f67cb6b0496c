export default definePageConfig({ navigationBarTitleText: '我的签到', enablePullDownRefresh: true, onReachBottomDistance: 120 });
