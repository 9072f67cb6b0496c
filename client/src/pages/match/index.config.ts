export default definePageConfig({
  // <TextScale /> (large text) is a page-meta node.
  enablePageMeta: true,
  navigationBarTitleText: '互选',
  enablePullDownRefresh: true,
  // A forwarded card leads to the social's event page (the board itself is private); no moments.
  enableShareAppMessage: true,
});
