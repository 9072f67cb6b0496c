import { useEffect, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';

/**
 * WeChat's privacy authorisation (since 2023-09-15): the first call of a privacy-relevant API
 * (location, photos, clipboard, ...) waits until the app tells WeChat that the person agreed to
 * the 隐私保护指引. WeChat asks through `wx.onNeedPrivacyAuthorization`; the app answers with its
 * own sheet (components/PrivacySheet). Declining fails only that API call: the rest of the app
 * keeps working.
 */
export const PRIVACY_PAGE = '/pages/privacy/index';
/** The agree button's id: WeChat checks that this very button (open-type agreePrivacyAuthorization) was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree';

export type PrivacyResolve = (answer: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;
type NeedListener = (resolve: PrivacyResolve, info?: { referrer?: string }) => void;

declare const wx: { onNeedPrivacyAuthorization?: (listener: NeedListener) => void } | undefined;

export interface PrivacyRequest {
  open: boolean;
  /** The API that asked (WeChat's `referrer`, e.g. getLocation). */
  referrer: string;
}

/** What each API is for, in the words of the sheet: 「为了…」. */
const PURPOSES: Record<string, string> = {
  getLocation: '查找附近的驿站、核验驿站签到的位置',
  chooseLocation: '在地图上选定驿站或活动的地点',
  chooseMedia: '上传您选择的照片',
  chooseImage: '上传您选择的照片',
  saveImageToPhotosAlbum: '把二维码保存到您的相册',
  setClipboardData: '把内容复制到剪贴板',
};

export function purposeOf(referrer: string): string {
  return PURPOSES[referrer] ?? '使用这项功能';
}

let pending: { resolve: PrivacyResolve; exposed: boolean }[] = [];
let state: PrivacyRequest = { open: false, referrer: '' };
const listeners = new Set<(s: PrivacyRequest) => void>();
/** Sheets on pages being shown now; none means the guide page must show it. */
const shownSheets = new Set<symbol>();
/** The guide page was opened to ask: go back once the person answered. */
let guideOpenedToAsk = false;

function setState(next: PrivacyRequest): void {
  state = next;
  listeners.forEach((fn) => fn(state));
}

/** Opens the guide page; when a request is pending, it asks there and returns afterwards. */
export function openPrivacyGuide(): void {
  if (state.open) guideOpenedToAsk = true;
  void Taro.navigateTo({ url: PRIVACY_PAGE }).catch(() => {
    guideOpenedToAsk = false;
  });
}

/** WeChat's listener: a privacy API is waiting for the person's answer. */
export function onNeedPrivacyAuthorization(resolve: PrivacyResolve, info?: { referrer?: string }): void {
  pending.push({ resolve, exposed: false });
  if (!state.open) setState({ open: true, referrer: info?.referrer ?? '' });
  // A page without a sheet (or none shown yet): ask on the guide page, which has one.
  if (shownSheets.size === 0 && !guideOpenedToAsk) openPrivacyGuide();
}

/** A sheet is on screen: tell WeChat the request was shown (once per request). */
export function reportExposure(): void {
  for (const p of pending) {
    if (p.exposed) continue;
    p.exposed = true;
    p.resolve({ event: 'exposureAuthorization' });
  }
}

function answer(reply: { event: 'agree' | 'disagree'; buttonId?: string }): void {
  const waiting = pending;
  pending = [];
  setState({ open: false, referrer: '' });
  waiting.forEach((p) => p.resolve(reply));
  if (guideOpenedToAsk) {
    guideOpenedToAsk = false;
    const pages = Taro.getCurrentPages();
    const top = pages[pages.length - 1] as { route?: string } | undefined;
    if (pages.length > 1 && top?.route && PRIVACY_PAGE.endsWith(top.route)) void Taro.navigateBack();
  }
}

/** The person tapped the agree button (open-type agreePrivacyAuthorization). */
export function agreePrivacy(buttonId: string = AGREE_BUTTON_ID): void {
  answer({ event: 'agree', buttonId });
}

/** The person declined: the waiting API fails, everything else goes on. */
export function disagreePrivacy(): void {
  answer({ event: 'disagree' });
}

/** Counts a sheet as on screen (its page is shown) or not. */
export function sheetOnScreen(key: symbol, onScreen: boolean): void {
  if (onScreen) shownSheets.add(key);
  else shownSheets.delete(key);
}

export const privacyStore = {
  get: (): PrivacyRequest => state,
  subscribe(fn: (s: PrivacyRequest) => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
};

/** Registers WeChat's privacy listener once at launch (mini-program only; base library 2.32.3+). */
export function startPrivacyAuthorization(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  const api = typeof wx === 'undefined' ? undefined : wx?.onNeedPrivacyAuthorization;
  if (typeof api !== 'function') return;
  api.call(wx, onNeedPrivacyAuthorization);
}

/** The pending request as React state, for a sheet; counts the sheet as shown while its page is. */
export function usePrivacyRequest(): PrivacyRequest {
  const [s, setS] = useState(state);
  const [key] = useState(() => Symbol('privacy-sheet'));
  useEffect(() => {
    sheetOnScreen(key, true);
    setS(state);
    const off = privacyStore.subscribe(setS);
    return () => {
      off();
      sheetOnScreen(key, false);
    };
  }, [key]);
  useDidShow(() => sheetOnScreen(key, true));
  useDidHide(() => sheetOnScreen(key, false));
  return s;
}

/** What a page says when the person declined the sheet: the next tap asks again. */
export const PRIVACY_REFUSED_LOCATION = '您没有同意隐私保护指引，暂时无法获取位置；再扫一次或刷新时可以选择同意';
export const PRIVACY_REFUSED_PHOTO = '您没有同意隐私保护指引，暂时无法选择照片；再试一次时可以选择同意';

/** True for the failure of an API the person declined in the privacy sheet. */
export function isPrivacyRefusal(e: unknown): boolean {
  const msg = String((e as { errMsg?: string } | null)?.errMsg ?? '');
  return /privacy permission is not authorized/i.test(msg);
}
