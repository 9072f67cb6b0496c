import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { Me, Session } from '@xlx/shared';
import { authService } from './auth';
import { meService } from './me';
import { ApiError } from './request';
import { clearToken, getToken, onTokenCleared, setToken } from './token';

export const LOGIN_PAGE = '/pages/login/index';
export const HOME_PAGE = '/pages/index/index';

/**
 * Set after an explicit sign-out or account deletion: the mini-program then waits for the
 * person to tap 微信登录 instead of silently signing them back in.
 */
const SIGNED_OUT_KEY = 'xlx.signedOut';

export interface SessionState {
  token: string | null;
  me: Me | null;
}

let state: SessionState = { token: getToken(), me: null };
const listeners = new Set<(s: SessionState) => void>();

function setState(next: Partial<SessionState>): void {
  state = { ...state, ...next };
  listeners.forEach((fn) => fn(state));
}

onTokenCleared(() => setState({ token: null, me: null }));

export const sessionStore = {
  get: (): SessionState => state,
  subscribe(fn: (s: SessionState) => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
  /** Keeps a fresh copy of the person (after GET or PATCH /me). */
  setMe(me: Me): void {
    setState({ me });
  },
};

/** The session as React state; re-renders on sign-in, sign-out and profile changes. */
export function useSession(): SessionState {
  const [s, setS] = useState(state);
  useEffect(() => {
    setS(state);
    return sessionStore.subscribe(setS);
  }, []);
  return s;
}

/** Stores a new session from /auth/wechat or /auth/dev. */
export function startSession(session: Session): void {
  setToken(session.token);
  try {
    Taro.removeStorageSync(SIGNED_OUT_KEY);
  } catch {
    // Not fatal: at worst the mini-program asks to tap 微信登录 next time.
  }
  setState({ token: session.token, me: session.me });
}

/** Forgets the session locally; `explicit` when the person chose to leave (sign-out, deletion). */
export function endSession(explicit: boolean): void {
  if (explicit) {
    try {
      Taro.setStorageSync(SIGNED_OUT_KEY, true);
    } catch {
      // See startSession.
    }
  }
  clearToken();
}

let wechatInFlight: Promise<Session> | null = null;

/** Taro.login + POST /auth/wechat; concurrent callers share one attempt. */
export function signInWithWechat(): Promise<Session> {
  if (!wechatInFlight) {
    wechatInFlight = (async () => {
      let code: string;
      try {
        ({ code } = await Taro.login());
      } catch {
        throw new ApiError({ code: 'NETWORK', message: '微信登录失败，请检查网络后重新进入小程序', status: 0 });
      }
      const session = await authService.wechat({ code });
      startSession(session);
      return session;
    })().finally(() => {
      wechatInFlight = null;
    });
  }
  return wechatInFlight;
}

/** Where the sign-in page continues to (a page of this app with its query), kept across its reLaunch. */
const RETURN_TO_KEY = 'xlx.returnTo';
const RETURN_TO_MAX_AGE_MS = 30 * 60 * 1000;

/** Only pages of this app: a return address never leaves it. */
function isAppPage(url: string): boolean {
  return /^\/(pages|organiser\/pages)\/[a-z0-9-]+\/index(\?[^#]*)?$/.test(url);
}

/** Remembers the page to open once signed in (any sign-in page: development, WeChat, scan). */
export function setReturnTo(url: string | null): void {
  try {
    if (url && isAppPage(url)) Taro.setStorageSync(RETURN_TO_KEY, { url, at: Date.now() });
    else Taro.removeStorageSync(RETURN_TO_KEY);
  } catch {
    // Storage full or blocked: the person lands on the home page instead.
  }
}

function hasReturnTo(): boolean {
  try {
    const v = Taro.getStorageSync(RETURN_TO_KEY) as { at?: number } | '';
    return Boolean(v && typeof v.at === 'number' && Date.now() - v.at < RETURN_TO_MAX_AGE_MS);
  } catch {
    return false;
  }
}

/** Takes (and forgets) the page to continue to after signing in, if a recent one was kept. */
export function takeReturnTo(): string | null {
  try {
    const v = Taro.getStorageSync(RETURN_TO_KEY) as { url?: string; at?: number } | '';
    Taro.removeStorageSync(RETURN_TO_KEY);
    if (v && typeof v.url === 'string' && isAppPage(v.url) && typeof v.at === 'number' && Date.now() - v.at < RETURN_TO_MAX_AGE_MS) return v.url;
  } catch {
    // See setReturnTo.
  }
  return null;
}

/** What every sign-in page calls once the session started: back to where the person was going. */
export async function continueAfterSignIn(): Promise<void> {
  const next = takeReturnTo();
  if (next) {
    await Taro.reLaunch({ url: next });
    return;
  }
  await Taro.switchTab({ url: HOME_PAGE });
}

/** The page being shown, with its query, as a return address (null on the sign-in page itself). */
function currentPageUrl(): string | null {
  try {
    const pages = Taro.getCurrentPages();
    const page = pages[pages.length - 1] as { route?: string; options?: Record<string, string> } | undefined;
    const route = (page?.route ?? '').replace(/^\//, '').split('?')[0];
    if (!route || route.startsWith('pages/login')) return null;
    const query = Object.entries(page?.options ?? {})
      .filter(([k, v]) => !k.startsWith('$') && k !== 'stamp' && v !== undefined && v !== '')
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&');
    return `/${route}${query ? `?${query}` : ''}`;
  } catch {
    return null;
  }
}

let redirecting = false;
/** Opens the sign-in page; it continues to `returnTo`, else to the page that sent the person there. */
export function goToLogin(returnTo?: string): void {
  // An explicit address wins; otherwise the page shown, unless a flow under way (a scanned
  // link, say) already said where to continue.
  const next = returnTo ?? (hasReturnTo() ? null : currentPageUrl());
  if (next) setReturnTo(next);
  if (redirecting) return;
  redirecting = true;
  const done = () => {
    redirecting = false;
  };
  Taro.reLaunch({ url: LOGIN_PAGE }).then(done, done);
}

/**
 * Resolves with the token when signed in. Without one: the mini-program signs in silently
 * (unless the person signed out on purpose); H5 and the signed-out case go to the login
 * page and resolve with null; `returnTo` is the page the login page continues to.
 */
export async function ensureSignedIn(opts: { returnTo?: string } = {}): Promise<string | null> {
  const token = getToken();
  if (token) {
    if (state.token !== token) setState({ token });
    return token;
  }
  if (process.env.TARO_ENV === 'weapp' && !Taro.getStorageSync(SIGNED_OUT_KEY)) {
    const session = await signInWithWechat();
    return session.token;
  }
  goToLogin(opts.returnTo);
  return null;
}

/**
 * Loads the signed-in person (GET /me) after ensureSignedIn. A 401 means the stored token
 * expired: it is cleared by the request wrapper and we sign in once more.
 */
export async function loadMe(): Promise<Me | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const token = await ensureSignedIn();
    if (!token) return null;
    try {
      const me = await meService.get();
      setState({ me });
      return me;
    } catch (e) {
      if ((e as { status?: number }).status === 401 && attempt === 0) continue;
      throw e;
    }
  }
  return null;
}

/** POST /auth/logout (best effort: the local session ends even when offline). */
export async function signOut(): Promise<void> {
  try {
    await authService.logout();
  } catch {
    // The token is forgotten below; the server session expires on its own.
  }
  endSession(true);
  goToLogin();
}
