export default definePageConfig({
  // <TextScale /> (large text) is a page-meta node.
  enablePageMeta: true,
  navigationBarTitleText: '活动详情',
  enablePullDownRefresh: true,
  // Forwarded to a chat or to moments as a card (useShareAppMessage / useShareTimeline).
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
