/**
 * The 隐私保护指引 shown in the app. Keep it in step with what the BFF stores and for how long
 * (README "Privacy"), and with the declaration in the mini-program console.
 */
export interface PrivacyItem {
  /** What is collected. */
  what: string;
  /** Why, and when it is asked for. */
  why: string;
  /** How long it is kept, and how it goes. */
  keep: string;
}

export const PRIVACY_ITEMS: PrivacyItem[] = [
  {
    what: '微信身份标识（openid）和登录凭证',
    why: '登录时由微信提供，用来识别您的账号，让签到、报名和诉求记在您名下。',
    keep: '身份标识保存到您注销账号为止；登录凭证 30 天后失效，退出登录时立即删除。',
  },
  {
    what: '位置信息',
    why: '仅在您查找附近驿站、或扫需要核验位置的驿站签到码时获取一次，用来计算您与驿站的距离。',
    keep: '服务器不保存您的坐标，只在签到记录里保存您与驿站的距离。',
  },
  {
    what: '您在地图上选择的位置（组织者）',
    why: '组织者设置驿站或活动的地点时使用。',
    keep: '作为驿站或活动的公开地点保存，与个人无关。',
  },
  {
    what: '您选择的照片',
    why: '提交诉求时附上的照片，组织者为驿站上传的照片。',
    keep: '选了但没有提交的照片 24 小时后删除；诉求照片随诉求保存，注销账号时删除；驿站照片作为驿站的公开资料保存。',
  },
  {
    what: '个人资料：昵称、职业、性别、出生年份、手机号（都可以不填）',
    why: '用于活动报名、资格核对和活动通知，帮助工会为您安排合适的服务。',
    keep: '保存到您在「我的」里修改或注销账号为止。',
  },
  {
    what: '签到记录和活动报名',
    why: '显示您的签到记录和电子票，工会据此统计服务人次。',
    keep: '注销账号后只保留不含个人信息的统计数字。',
  },
  {
    what: '入会申请（姓名、手机号、工作单位）和诉求内容',
    why: '办理入会、答复您的诉求。',
    keep: '注销账号时姓名、手机号、工作单位和诉求文字立即删除，只保留数量。',
  },
  {
    what: '交友资料和选择（仅在您明确同意后）',
    why: '交友联谊活动中互相选择、只向双方都选择了对方的人显示联系方式。',
    keep: '在「交友资料」撤回同意或注销账号时全部立即删除。',
  },
  {
    what: '剪贴板（仅写入）和相册（仅写入）',
    why: '您点「复制」时把联系方式或链接写入剪贴板；组织者保存驿站二维码到相册。心连新不读取您的剪贴板和相册。',
    keep: '不收集、不保存。',
  },
];
