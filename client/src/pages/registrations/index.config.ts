export default definePageConfig({
  // <TextScale /> (large text) is a page-meta node.
  enablePageMeta: true,
  navigationBarTitleText: '我的报名',
  enablePullDownRefresh: true,
});
