import type { PropsWithChildren } from 'react';
import Taro, { useDidShow, useLaunch } from '@tarojs/taro';
import { flush, startOfflineQueue } from './services/offline-queue';
import { installPageLoadGuard } from './services/page-load-guard';
import { ensureSignedIn } from './services/session';
import './app.css';

installPageLoadGuard();

let shownBefore = false;
/** Listened to by the home page (pages/index/scan.ts SCENE_EVENT), which owns scanning. */
const SCENE_EVENT = 'xlx:scene';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
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

  useDidShow((options?: { path?: string; query?: Record<string, string | undefined> }) => {
    void flush();
    // Back from the background through a mini-program code: the home page handles a cold
    // start itself (useLoad); the hot start is passed to it (a tab page, so still alive),
    // after any reLaunch has settled. It handles each scene once.
    const first = !shownBefore;
    shownBefore = true;
    const scene = options?.query?.scene;
    if (!first && scene && (!options?.path || options.path.includes('pages/index/index'))) {
      setTimeout(() => Taro.eventCenter.trigger(SCENE_EVENT, scene), 300);
    }
  });

  // children is the page being shown
  return children;
}

export default App;
