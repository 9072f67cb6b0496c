import type { PropsWithChildren } from 'react';
import Taro, { useDidShow, useLaunch } from '@tarojs/taro';
import { QR_LINK_PATH } from '@xlx/shared';
import { flush, startOfflineQueue } from './services/offline-queue';
import { installPageLoadGuard } from './services/page-load-guard';
import { startPrivacyAuthorization } from './services/privacy';
import { ensureSignedIn, HOME_PAGE, LOGIN_PAGE } from './services/session';
import { getToken } from './services/token';
import './app.css';

installPageLoadGuard();

let shownBefore = false;
/** Listened to by the home page (pages/index/scan.ts SCENE_EVENT), which owns scanning. */
const SCENE_EVENT = 'xlx:scene';

// H5 opened at a scanned link (the BFF serves the app at PUBLIC_URL/q/<payload>): hand the link
// to the home page as the mini-program gets it, `q`, before the hash router reads the address.
// Replacing the address also means a reload does not scan again.
if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && window.location.pathname.startsWith(QR_LINK_PATH)) {
  const link = `${window.location.origin}${window.location.pathname}`;
  window.history.replaceState(null, '', `/#${HOME_PAGE}?q=${encodeURIComponent(link)}`);
}

// H5 opened at the home page without a session: straight to the sign-in page, where the home page
// would send the person once its own code had loaded and asked the BFF. On a slow phone that is a
// page's code and two round trips less before the sign-in QR code shows. A scanned link (`?q=`)
// still goes through the home page, which remembers it for after signing in.
if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && !getToken() && /^(#\/?(pages\/index\/index)?)?$/.test(window.location.hash)) {
  window.history.replaceState(null, '', `/#${LOGIN_PAGE}`);
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // WeChat asks before the first privacy-relevant API call; the app answers with its own sheet.
    startPrivacyAuthorization();
    // The mini-program signs in silently at launch so the first page finds a session ready;
    // pages call ensureSignedIn themselves too, and share this attempt.
    if (process.env.TARO_ENV === 'weapp') {
      ensureSignedIn()
        .then(() => flush())
        .catch(() => {
          // Pages show the failure with a retry button.
        });
    }
    // Check-ins saved without network go out as soon as it returns.
    startOfflineQueue();
  });

  useDidShow((options?: { path?: string; scene?: number; query?: Record<string, string | undefined> }) => {
    void flush();
    // Back from the background through a scanned link (`q`) or mini-program code (`scene`): the
    // home page handles a cold start itself (useLoad); the hot start is passed to it (a tab page,
    // so still alive), after any reLaunch has settled. It handles each scan once.
    const first = !shownBefore;
    shownBefore = true;
    const query = options?.query;
    if (!first && (query?.q || query?.scene) && (!options?.path || options.path.includes('pages/index/index'))) {
      setTimeout(() => Taro.eventCenter.trigger(SCENE_EVENT, query, options?.scene), 300);
    }
  });

  // children is the page being shown
  return children;
}

export default App;
