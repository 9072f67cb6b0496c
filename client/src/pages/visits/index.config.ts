export default definePageConfig({
  // <TextScale /> (large text) is a page-meta node.
  enablePageMeta: true,
  navigationBarTitleText: '我的签到',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
