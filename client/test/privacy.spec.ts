// The answer the app gives WeChat's onNeedPrivacyAuthorization (services/privacy.ts), with Taro
// replaced: the sheet agrees through its open-type button, declining fails only the waiting API.
const navigateTo = jest.fn(() => Promise.resolve());
const navigateBack = jest.fn(() => Promise.resolve());
const pages: { route: string }[] = [];
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { navigateTo, navigateBack, getCurrentPages: () => pages },
  useDidShow: () => undefined,
  useDidHide: () => undefined,
}));

type Privacy = typeof import('../src/services/privacy');
let privacy: Privacy;

beforeEach(() => {
  jest.resetModules();
  navigateTo.mockClear();
  navigateBack.mockClear();
  pages.splice(0, pages.length, { route: 'pages/stations/index' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module per test, after the mocks
  privacy = require('../src/services/privacy');
});

/** A page with a sheet on screen, as PrivacySheet registers itself (usePrivacyRequest). */
function sheetShown(p: Privacy): () => void {
  const key = Symbol('sheet');
  p.sheetOnScreen(key, true);
  return () => p.sheetOnScreen(key, false);
}

describe('privacy authorisation', () => {
  it('opens the sheet for the API that asked and agrees with the open-type button id', () => {
    const hide = sheetShown(privacy);
    const resolve = jest.fn();
    privacy.onNeedPrivacyAuthorization(resolve, { referrer: 'getLocation' });
    expect(privacy.privacyStore.get()).toEqual({ open: true, referrer: 'getLocation' });
    expect(privacy.purposeOf('getLocation')).toContain('附近的驿站');
    expect(navigateTo).not.toHaveBeenCalled();

    privacy.reportExposure();
    privacy.reportExposure();
    privacy.agreePrivacy();
    expect(resolve.mock.calls).toEqual([[{ event: 'exposureAuthorization' }], [{ event: 'agree', buttonId: privacy.AGREE_BUTTON_ID }]]);
    expect(privacy.privacyStore.get().open).toBe(false);
    hide();
  });

  it('declines: the waiting calls fail, and the next call asks again', () => {
    const hide = sheetShown(privacy);
    const first = jest.fn();
    const second = jest.fn();
    privacy.onNeedPrivacyAuthorization(first, { referrer: 'chooseMedia' });
    privacy.onNeedPrivacyAuthorization(second, { referrer: 'getLocation' });
    privacy.disagreePrivacy();
    expect(first).toHaveBeenCalledWith({ event: 'disagree' });
    expect(second).toHaveBeenCalledWith({ event: 'disagree' });
    expect(privacy.privacyStore.get().open).toBe(false);

    const again = jest.fn();
    privacy.onNeedPrivacyAuthorization(again, { referrer: 'getLocation' });
    expect(privacy.privacyStore.get().open).toBe(true);
    expect(again).not.toHaveBeenCalled();
    hide();
  });

  it('asks on the guide page when the current page has no sheet, and returns after the answer', () => {
    const resolve = jest.fn();
    privacy.onNeedPrivacyAuthorization(resolve, { referrer: 'setClipboardData' });
    expect(navigateTo).toHaveBeenCalledWith({ url: privacy.PRIVACY_PAGE });

    pages.push({ route: 'pages/privacy/index' });
    privacy.agreePrivacy();
    expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: privacy.AGREE_BUTTON_ID });
    expect(navigateBack).toHaveBeenCalledTimes(1);
  });

  it('registers with WeChat only in the mini-program', () => {
    const on = jest.fn();
    (globalThis as { wx?: unknown }).wx = { onNeedPrivacyAuthorization: on };
    const env = process.env.TARO_ENV;
    try {
      process.env.TARO_ENV = 'h5';
      privacy.startPrivacyAuthorization();
      expect(on).not.toHaveBeenCalled();
      process.env.TARO_ENV = 'weapp';
      privacy.startPrivacyAuthorization();
      expect(on).toHaveBeenCalledWith(privacy.onNeedPrivacyAuthorization);
      // An old base library without the API: nothing to register, nothing breaks.
      (globalThis as { wx?: unknown }).wx = {};
      expect(() => privacy.startPrivacyAuthorization()).not.toThrow();
    } finally {
      process.env.TARO_ENV = env;
      delete (globalThis as { wx?: unknown }).wx;
    }
  });

  it('tells a refusal apart from other failures', () => {
    expect(privacy.isPrivacyRefusal({ errMsg: 'getLocation:fail privacy permission is not authorized' })).toBe(true);
    expect(privacy.isPrivacyRefusal({ errMsg: 'getLocation:fail auth deny' })).toBe(false);
  });
});
