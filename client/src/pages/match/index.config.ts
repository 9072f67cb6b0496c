export default definePageConfig({
  // <TextScale /> (large text) is a page-meta node.
  enablePageMeta: true, navigationBarTitleText: '互选', enablePullDownRefresh: true });
