export default definePageConfig({
  // <TextScale /> (large text) is a page-meta node.
  enablePageMeta: true, navigationBarTitleText: '驿站详情', enablePullDownRefresh: true });
