export default definePageConfig({
  // <TextScale /> (large text) is a page-meta node.
  enablePageMeta: true, navigationBarTitleText: '电子票', enablePullDownRefresh: true, navigationBarBackgroundColor: '#b3121a' });
