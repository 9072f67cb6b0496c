export default definePageConfig({
  // <TextScale /> (large text) is a page-meta node.
  enablePageMeta: true, navigationBarTitleText: '活动详情', enablePullDownRefresh: true });
