import { color } from '../../../styles/tokens';
// Full screen on a station's screen: no navigation bar, dark background, never dims (see page).
export default definePageConfig({
  navigationBarTitleText: '签到屏',
  navigationStyle: 'custom',
  backgroundColor: color.surfaceDark,
  pageOrientation: 'auto',
});
