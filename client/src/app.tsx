import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { ensureSignedIn } from './services/session';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // The mini-program signs in silently at launch so the first page finds a session ready;
    // pages call ensureSignedIn themselves too, and share this attempt.
    if (process.env.TARO_ENV === 'weapp') {
      ensureSignedIn().catch(() => {
        // Pages show the failure with a retry button.
      });
    }
  });

  // children is the page being shown
  return children;
}

export default App;
