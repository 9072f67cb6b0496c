/**
 * The `wx` object the built mini-program sees, every API in WeChat's callback style
 * (success / fail / complete), controlled by the test through a Device.
 */

/** What the phone and its person answer; a test sets these before the app asks. */
export class Device {
  /** Base of the BFF on loopback: requests to the address baked into the build go here. */
  bffUrl = '';
  online = true;
  /** Results of the next camera scans (`wx.scanCode`); empty: the person cancels. */
  scans: Array<{ result: string; scanType?: string; path?: string }> = [];
  /** The code `wx.login` hands out: the fake WeChat signs `good-<rest>` in as openid `o-<rest>`. */
  loginCode = () => `good-weapp-${Math.random().toString(36).slice(2, 10)}`;
  location: { latitude: number; longitude: number } | 'denied' = { latitude: 30.2741, longitude: 120.1551 };
  chosenLocation: { name: string; address: string; latitude: number; longitude: number } | null = null;
  /** Photos the next `chooseMedia`/`chooseImage` picks (one each call). */
  photos: Buffer[] = [];
  /** Answers of the next `showModal` calls; empty: 确定. */
  modalAnswers: boolean[] = [];
  subscribeAnswer: 'accept' | 'reject' = 'accept';
  /** WeChat keeps storage as serialised values, per mini-program; pass the same map to a new launch. */
  storage = new Map<string, string>();
  /** Every toast, modal and loading shown, and every API call, in order. */
  toasts: string[] = [];
  modals: Array<{ title?: string; content?: string }> = [];
  calls: Array<{ api: string; args: unknown }> = [];
  requests: Array<{ method: string; url: string; status: number }> = [];
  subscribeRequests: string[][] = [];
  tempFiles = new Map<string, Buffer>();
  private networkListeners: Array<(r: { isConnected: boolean; networkType: string }) => void> = [];
  private tempSeq = 0;

  /** The network comes back (or goes): WeChat tells every onNetworkStatusChange listener. */
  setOnline(online: boolean): void {
    this.online = online;
    for (const fn of this.networkListeners) fn({ isConnected: online, networkType: online ? 'wifi' : 'none' });
  }

  addNetworkListener(fn: (r: { isConnected: boolean; networkType: string }) => void): void {
    this.networkListeners.push(fn);
  }

  removeNetworkListener(fn?: unknown): void {
    this.networkListeners = fn ? this.networkListeners.filter((f) => f !== fn) : [];
  }

  tempFile(buf: Buffer, ext = 'jpg'): string {
    const p = `wxfile://tmp_${++this.tempSeq}_${Date.now()}.${ext}`;
    this.tempFiles.set(p, buf);
    return p;
  }
}

/** What the page stack does for navigation APIs (implemented by the runtime). */
export interface Navigator {
  navigateTo(url: string): void;
  redirectTo(url: string): void;
  switchTab(url: string): void;
  reLaunch(url: string): void;
  navigateBack(delta: number): void;
}

type Opts = Record<string, unknown> & { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };

class WxFail extends Error {}
const fail = (msg: string) => new WxFail(msg);

/**
 * An asynchronous API. Like WeChat (base library 2.10.2 and later), called without any of
 * success / fail / complete it returns a Promise instead: Taro passes some APIs (chooseMedia
 * among them) straight through, and the app awaits what wx returns.
 */
function asyncApi(name: string, device: Device, impl: (o: Opts) => unknown | Promise<unknown>, promiseStyle = true) {
  return (o: Opts = {}) => {
    device.calls.push({ api: name, args: o });
    const run = () =>
      Promise.resolve()
        .then(() => impl(o))
        .then(
          (res) => ({ ok: true, r: { errMsg: `${name}:ok`, ...(res as object) } }),
          (e: unknown) => ({ ok: false, r: { errMsg: e instanceof WxFail ? `${name}:fail ${e.message}` : `${name}:fail ${String(e)}` } }),
        );
    if (promiseStyle && !o.success && !o.fail && !o.complete) {
      return new Promise((resolve, reject) => {
        setTimeout(() => void run().then(({ ok, r }) => (ok ? resolve(r) : reject(r))), 0);
      });
    }
    // WeChat answers on a later turn, never inside the call.
    setTimeout(() => {
      void run().then(({ ok, r }) => {
        if (ok) o.success?.(r);
        else o.fail?.(r);
        o.complete?.(r);
      });
    }, 0);
    return undefined;
  };
}

const ok = () => ({});

function queryString(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'object' ? JSON.stringify(v) : String(v))}`)
    .join('&');
}

/** Requests to any http origin go to the BFF on loopback, as the phone would reach it. */
function toBff(device: Device, url: string): string {
  const u = new URL(url);
  return `${device.bffUrl}${u.pathname}${u.search}`;
}

export function createWx(device: Device, nav: Navigator): Record<string, unknown> {
  const systemInfo = {
    brand: 'iPhone',
    model: 'iPhone 13',
    pixelRatio: 3,
    screenWidth: 390,
    screenHeight: 844,
    windowWidth: 390,
    windowHeight: 763,
    statusBarHeight: 47,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 17.0',
    platform: 'ios',
    SDKVersion: '3.5.0',
    safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
    theme: 'light',
    enableDebug: false,
  };
  const storageGet = (key: string): unknown => {
    const raw = device.storage.get(key);
    return raw === undefined ? '' : JSON.parse(raw);
  };
  const navApi = (name: string, fn: (o: Opts) => void) =>
    asyncApi(name, device, (o) => {
      fn(o);
      return {};
    });

  const wx: Record<string, unknown> = {
    // --- network
    request: (o: Opts) => {
      const controller = new AbortController();
      asyncApi(
        'request',
        device,
        async () => {
          if (!device.online) throw fail('-1:net::ERR_INTERNET_DISCONNECTED');
          const method = String(o.method ?? 'GET').toUpperCase();
          const header = { ...((o.header as Record<string, string>) ?? {}) };
          let url = toBff(device, String(o.url));
          let body: string | undefined;
          if (o.data !== undefined && o.data !== null) {
            if (method === 'GET') {
              const qs = typeof o.data === 'string' ? o.data : queryString(o.data as Record<string, unknown>);
              if (qs) url += (url.includes('?') ? '&' : '?') + qs;
            } else {
              body = typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
              if (!Object.keys(header).some((k) => k.toLowerCase() === 'content-type')) header['content-type'] = 'application/json';
            }
          }
          const timer = setTimeout(() => controller.abort(), Number(o.timeout ?? 60_000));
          try {
            const res = await fetch(url, { method, headers: header, body, signal: controller.signal });
            const text = await res.text();
            let data: unknown = text;
            if ((o.dataType ?? 'json') === 'json') {
              try {
                data = JSON.parse(text);
              } catch {
                // WeChat hands over the text when it is not JSON.
              }
            }
            device.requests.push({ method: header['X-HTTP-Method-Override'] ?? method, url: new URL(url).pathname, status: res.status });
            return { statusCode: res.status, data, header: Object.fromEntries(res.headers.entries()) };
          } catch (e) {
            throw fail((e as Error).name === 'AbortError' ? 'timeout' : String(e));
          } finally {
            clearTimeout(timer);
          }
        },
        false,
      )(o);
      return { abort: () => controller.abort(), onHeadersReceived: ok, offHeadersReceived: ok, onChunkReceived: ok, offChunkReceived: ok };
    },
    uploadFile: (o: Opts) => {
      asyncApi(
        'uploadFile',
        device,
        async () => {
          if (!device.online) throw fail('-1:net::ERR_INTERNET_DISCONNECTED');
          const file = device.tempFiles.get(String(o.filePath));
          if (!file) throw fail('file not found');
          const form = new FormData();
          for (const [k, v] of Object.entries((o.formData as Record<string, string>) ?? {})) form.append(k, String(v));
          const name = String(o.filePath).split('/').pop()!;
          form.append(String(o.name), new Blob([file], { type: 'application/octet-stream' }), name);
          const res = await fetch(toBff(device, String(o.url)), { method: 'POST', headers: (o.header as Record<string, string>) ?? {}, body: form });
          device.requests.push({ method: 'UPLOAD', url: new URL(toBff(device, String(o.url))).pathname, status: res.status });
          // uploadFile answers the body as text, whatever it is.
          return { statusCode: res.status, data: await res.text() };
        },
        false,
      )(o);
      return { abort: ok, onProgressUpdate: ok, offProgressUpdate: ok, onHeadersReceived: ok, offHeadersReceived: ok };
    },
    downloadFile: asyncApi('downloadFile', device, (o) => ({ statusCode: 200, tempFilePath: device.tempFile(Buffer.from(String(o.url)), 'png') })),
    getNetworkType: asyncApi('getNetworkType', device, () => ({ networkType: device.online ? 'wifi' : 'none' })),
    onNetworkStatusChange: (fn: (r: { isConnected: boolean; networkType: string }) => void) => device.addNetworkListener(fn),
    offNetworkStatusChange: (fn?: unknown) => device.removeNetworkListener(fn),

    // --- identity
    login: asyncApi('login', device, () => ({ code: device.loginCode() })),
    checkSession: asyncApi('checkSession', device, ok),
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', device, (o) => {
      const ids = (o.tmplIds as string[]) ?? [];
      device.subscribeRequests.push(ids);
      return Object.fromEntries(ids.map((id) => [id, device.subscribeAnswer]));
    }),
    getSetting: asyncApi('getSetting', device, () => ({ authSetting: { 'scope.userLocation': device.location !== 'denied' } })),
    openSetting: asyncApi('openSetting', device, () => ({ authSetting: {} })),
    authorize: asyncApi('authorize', device, ok),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'wx-test-app', envVersion: 'develop', version: '' } }),

    // --- device
    scanCode: asyncApi('scanCode', device, () => {
      const next = device.scans.shift();
      if (!next) throw fail('cancel');
      return { scanType: 'QR_CODE', charSet: 'utf-8', rawData: Buffer.from(next.result).toString('base64'), ...next };
    }),
    getLocation: asyncApi('getLocation', device, () => {
      if (device.location === 'denied') throw fail('auth deny');
      return { ...device.location, accuracy: 30, altitude: 0, speed: -1, verticalAccuracy: 0, horizontalAccuracy: 30 };
    }),
    chooseLocation: asyncApi('chooseLocation', device, () => {
      if (!device.chosenLocation) throw fail('cancel');
      return device.chosenLocation;
    }),
    openLocation: asyncApi('openLocation', device, ok),
    chooseMedia: asyncApi('chooseMedia', device, () => {
      const photo = device.photos.shift();
      if (!photo) throw fail('cancel');
      const p = device.tempFile(photo);
      return { type: 'image', tempFiles: [{ tempFilePath: p, size: photo.length, fileType: 'image', width: 800, height: 600 }] };
    }),
    chooseImage: asyncApi('chooseImage', device, () => {
      const photo = device.photos.shift();
      if (!photo) throw fail('cancel');
      const p = device.tempFile(photo);
      return { tempFilePaths: [p], tempFiles: [{ path: p, size: photo.length }] };
    }),
    previewImage: asyncApi('previewImage', device, ok),
    saveImageToPhotosAlbum: asyncApi('saveImageToPhotosAlbum', device, ok),
    getImageInfo: asyncApi('getImageInfo', device, (o) => ({ width: 800, height: 600, path: o.src, type: 'jpeg' })),
    setClipboardData: asyncApi('setClipboardData', device, ok),
    makePhoneCall: asyncApi('makePhoneCall', device, ok),
    vibrateShort: asyncApi('vibrateShort', device, ok),
    vibrateLong: asyncApi('vibrateLong', device, ok),
    setKeepScreenOn: asyncApi('setKeepScreenOn', device, ok),
    getScreenBrightness: asyncApi('getScreenBrightness', device, () => ({ value: 0.5 })),
    setScreenBrightness: asyncApi('setScreenBrightness', device, ok),
    getSystemInfoSync: () => systemInfo,
    getSystemInfo: asyncApi('getSystemInfo', device, () => systemInfo),
    getWindowInfo: () => systemInfo,
    getDeviceInfo: () => systemInfo,
    getAppBaseInfo: () => systemInfo,
    getSystemSetting: () => ({ locationEnabled: true, wifiEnabled: true, bluetoothEnabled: false }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 51, bottom: 83, left: 296, right: 383 }),
    onWindowResize: ok,
    offWindowResize: ok,
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),

    // --- storage (values kept serialised, as WeChat keeps them)
    setStorageSync: (key: string, value: unknown) => void device.storage.set(key, JSON.stringify(value ?? null)),
    getStorageSync: (key: string) => storageGet(key),
    removeStorageSync: (key: string) => void device.storage.delete(key),
    clearStorageSync: () => device.storage.clear(),
    getStorageInfoSync: () => ({ keys: [...device.storage.keys()], currentSize: 1, limitSize: 10240 }),
    setStorage: asyncApi('setStorage', device, (o) => void device.storage.set(String(o.key), JSON.stringify(o.data ?? null))),
    getStorage: asyncApi('getStorage', device, (o) => {
      if (!device.storage.has(String(o.key))) throw fail('data not found');
      return { data: storageGet(String(o.key)) };
    }),
    removeStorage: asyncApi('removeStorage', device, (o) => void device.storage.delete(String(o.key))),

    // --- interface
    showToast: asyncApi('showToast', device, (o) => void device.toasts.push(String(o.title ?? ''))),
    hideToast: asyncApi('hideToast', device, ok),
    showLoading: asyncApi('showLoading', device, ok),
    hideLoading: asyncApi('hideLoading', device, ok),
    showModal: asyncApi('showModal', device, (o) => {
      device.modals.push({ title: o.title as string, content: o.content as string });
      const confirm = device.modalAnswers.length ? device.modalAnswers.shift()! : true;
      return { confirm, cancel: !confirm };
    }),
    showActionSheet: asyncApi('showActionSheet', device, () => ({ tapIndex: 0 })),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', device, ok),
    setNavigationBarColor: asyncApi('setNavigationBarColor', device, ok),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', device, ok),
    startPullDownRefresh: asyncApi('startPullDownRefresh', device, ok),
    pageScrollTo: asyncApi('pageScrollTo', device, ok),
    setTabBarBadge: asyncApi('setTabBarBadge', device, ok),
    removeTabBarBadge: asyncApi('removeTabBarBadge', device, ok),
    showTabBarRedDot: asyncApi('showTabBarRedDot', device, ok),
    hideTabBarRedDot: asyncApi('hideTabBarRedDot', device, ok),
    createSelectorQuery: () => {
      const q = {
        in: () => q,
        select: () => q,
        selectAll: () => q,
        selectViewport: () => q,
        boundingClientRect: () => q,
        scrollOffset: () => q,
        fields: () => q,
        node: () => q,
        exec: (cb?: (r: unknown[]) => void) => setTimeout(() => cb?.([]), 0),
      };
      return q;
    },
    createCanvasContext: () => new Proxy({}, { get: () => () => undefined }),
    onAppShow: ok,
    offAppShow: ok,
    onAppHide: ok,
    offAppHide: ok,
    onError: ok,
    onUnhandledRejection: ok,
    onNeedPrivacyAuthorization: ok,
    reportAnalytics: ok,
    getUpdateManager: () => ({ onCheckForUpdate: ok, onUpdateReady: ok, onUpdateFailed: ok, applyUpdate: ok }),

    // --- navigation
    navigateTo: navApi('navigateTo', (o) => nav.navigateTo(String(o.url))),
    redirectTo: navApi('redirectTo', (o) => nav.redirectTo(String(o.url))),
    switchTab: navApi('switchTab', (o) => nav.switchTab(String(o.url))),
    reLaunch: navApi('reLaunch', (o) => nav.reLaunch(String(o.url))),
    navigateBack: navApi('navigateBack', (o) => nav.navigateBack(Number(o.delta ?? 1))),
  };
  return wx;
}

export { WxFail, fail as wxFail };
