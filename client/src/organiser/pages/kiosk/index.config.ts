// Full screen on a station's screen: no navigation bar, dark background, never dims (see page).
export default definePageConfig({
  navigationBarTitleText: '签到屏',
  navigationStyle: 'custom',
  backgroundColor: '#111111',
  pageOrientation: 'auto',
});
