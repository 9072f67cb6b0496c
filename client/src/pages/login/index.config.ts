export default definePageConfig({
  navigationBarTitleText: '登录心连新',
});
