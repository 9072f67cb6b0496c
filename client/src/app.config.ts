import { color } from './styles/tokens';
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/stations/index',
    'pages/events/index',
    'pages/me/index',
    'pages/login/index',
    'pages/login-confirm/index',
    'pages/station/index',
    'pages/checkin-result/index',
    'pages/visits/index',
    'pages/event/index',
    'pages/registrations/index',
    'pages/ticket/index',
    'pages/notifications/index',
    'pages/match-profile/index',
    'pages/match/index',
    'pages/requests/index',
    'pages/request/index',
    'pages/membership/index',
    'pages/privacy/index',
  ],
  // Organiser pages live in a subpackage: workers never download them.
  subPackages: [
    {
      root: 'organiser',
      pages: [
        'pages/index/index',
        'pages/stations/index',
        'pages/station-edit/index',
        'pages/station/index',
        'pages/kiosk/index',
        'pages/events/index',
        'pages/event-edit/index',
        'pages/event/index',
        'pages/door/index',
        'pages/attendance/index',
        'pages/dashboard/index',
        'pages/requests/index',
        'pages/request/index',
        'pages/memberships/index',
        'pages/match/index',
      ],
    },
  ],
  // Organisers arrive from 我的: fetch their subpackage while they are there, on any network.
  preloadRule: { 'pages/me/index': { network: 'all', packages: ['organiser'] } },
  // Inject only the components a page uses (smaller start-up on old phones).
  lazyCodeLoading: 'requiredComponents',
  sitemapLocation: 'sitemap.json',
  style: 'v2',
  // WeChat requires declaring the location APIs the mini-program calls.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: { 'scope.userLocation': { desc: '用于查找附近的工会驿站，以及需要核验位置的驿站签到' } },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: color.page,
    navigationBarBackgroundColor: color.primary,
    navigationBarTitleText: '心连新',
    navigationBarTextStyle: 'white',
  },
  // Icons are drawn by client/scripts/make-icons.py (the tabBar takes PNG only).
  tabBar: {
    color: color.textSubtle,
    selectedColor: color.primary,
    backgroundColor: color.surface,
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/stations/index', text: '驿站', iconPath: 'assets/tab/station.png', selectedIconPath: 'assets/tab/station-active.png' },
      { pagePath: 'pages/events/index', text: '活动', iconPath: 'assets/tab/events.png', selectedIconPath: 'assets/tab/events-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
});
