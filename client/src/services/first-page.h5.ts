/**
 * H5 only: the first module of the app's entry (config/index.ts, h5 webpackChain). It guesses the
 * page the app is about to show (the same rules as app.tsx: the sign-in page for a visitor without
 * a session, the home page for a member) and starts downloading that page's code now, while the
 * app's own code (React, the Taro runtime) is still running, instead of after it: on a slow phone
 * that is one round trip and the page's download off the first render. For the sign-in page it also
 * asks the BFF for the sign-in code, which the page would otherwise ask for only once its code had
 * run (one more round trip before the QR code shows); services/auth.ts takes that answer.
 *
 * Nothing here may import the Taro runtime: it runs before it is set up. Any failure is silent,
 * the page loads its code and asks for the code again as it would have without this.
 */

/** Where services/auth.ts finds the sign-in code asked for early. */
export const EARLY_BROWSER_LOGIN = '__xlxEarlyBrowserLogin';

export interface EarlyBrowserLogin {
  /** Date.now() when asked: an old answer is not used (the code may be close to expiring). */
  at: number;
  response: Promise<Response>;
}

/** Taro.setStorageSync's format on H5: {"data": value} under the key (services/token.ts). */
function hasToken(): boolean {
  try {
    const raw = window.localStorage.getItem('xlx.token');
    const value = raw ? (JSON.parse(raw) as { data?: unknown } | null)?.data : undefined;
    return typeof value === 'string' && value !== '';
  } catch {
    return false;
  }
}

/** 'home', 'login' or null (another page, or a scanned link: left to the router). */
export function firstPage(pathname: string, hash: string, signedIn: boolean): 'home' | 'login' | null {
  if (pathname.startsWith('/q/')) return 'home';
  if (/^(#\/?(pages\/index\/index)?)?$/.test(hash)) return signedIn ? 'home' : 'login';
  if (/^#\/pages\/index\/index(\?|$)/.test(hash)) return 'home';
  if (/^#\/pages\/login\/index(\?|$)/.test(hash)) return 'login';
  return null;
}

function start(): void {
  const page = firstPage(window.location.pathname, window.location.hash, hasToken());
  // The same modules the router imports (config.routes from taro-loader): webpack loads their
  // chunks once, and the router finds them there.
  const loading = page === 'home' ? import('../pages/index/index') : page === 'login' ? import('../pages/login/index') : null;
  loading?.catch(() => {
    // The router loads it again and shows its own notice if that fails too.
  });
  if (page === 'login') {
    const early: EarlyBrowserLogin = {
      at: Date.now(),
      response: fetch('/api/v1/auth/browser', { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin' }),
    };
    early.response.catch(() => {
      // services/auth.ts asks again.
    });
    (window as unknown as Record<string, EarlyBrowserLogin>)[EARLY_BROWSER_LOGIN] = early;
  }
}

if (typeof window !== 'undefined') start();
