export default definePageConfig({
  // <TextScale /> (large text) is a page-meta node.
  enablePageMeta: true,
  navigationBarTitleText: '诉求详情',
  enablePullDownRefresh: true,
});
