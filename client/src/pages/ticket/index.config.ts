import { color } from '../../styles/tokens';
export default definePageConfig({
  // <TextScale /> (large text) is a page-meta node.
  enablePageMeta: true,
  navigationBarTitleText: '电子票',
  enablePullDownRefresh: true,
  navigationBarBackgroundColor: color.primary,
});
