export default definePageConfig({
  navigationBarTitleText: '心连新',
  enablePullDownRefresh: true,
});
