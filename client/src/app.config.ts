export default defineAppConfig({
  pages: ['pages/index/index', 'pages/stations/index', 'pages/events/index', 'pages/me/index', 'pages/login/index'],
  // Organiser pages live in a subpackage: workers never download them.
  subPackages: [
    {
      root: 'organiser',
      pages: ['pages/index/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f4f5f7',
    navigationBarBackgroundColor: '#b3121a',
    navigationBarTitleText: '心连新',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#555555',
    selectedColor: '#b3121a',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/stations/index', text: '驿站' },
      { pagePath: 'pages/events/index', text: '活动' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
});
