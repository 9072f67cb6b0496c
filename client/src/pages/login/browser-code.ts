import { useEffect, useRef, useState } from 'react';
import { BROWSER_LOGIN_TTL_SECONDS, type BrowserLoginCreated, type Session } from '@xlx/shared';
import { browserLoginService } from '@/services/auth';
import { isApiError } from '@/services/request';

/** Renew the code this long before it expires, so that a scan never meets an expired code. */
const RENEW_BEFORE_MS = 30_000;
const MAX_BACKOFF_MS = 30_000;

export type BrowserCodeState =
  { phase: 'loading' } | { phase: 'showing'; code: string; retrying: boolean } | { phase: 'declined' } | { phase: 'error'; message: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The browser's sign-in code: asks for one, shows it, waits (long-poll) for the phone's answer,
 * renews the code before it expires, and backs off on errors. Calls onSignedIn once.
 */
export function useBrowserCode(enabled: boolean, onSignedIn: (s: Session) => void): { state: BrowserCodeState; restart: () => void } {
  const [state, setState] = useState<BrowserCodeState>({ phase: 'loading' });
  const generation = useRef(0);
  const signedIn = useRef(onSignedIn);
  signedIn.current = onSignedIn;

  const run = async (gen: number) => {
    const live = () => generation.current === gen;
    let ticket: BrowserLoginCreated | null = null;
    let renewAt = 0;
    let failures = 0;
    while (live()) {
      try {
        if (!ticket || Date.now() >= renewAt) {
          ticket = await browserLoginService.create();
          renewAt = Date.now() + BROWSER_LOGIN_TTL_SECONDS * 1000 - RENEW_BEFORE_MS;
          if (!live()) return;
          setState({ phase: 'showing', code: ticket.code, retrying: false });
        }
        const r = await browserLoginService.wait(ticket.id, ticket.secret);
        if (!live()) return;
        failures = 0;
        if (r.status === 'signed_in' && r.session) {
          generation.current++;
          signedIn.current(r.session);
          return;
        }
        if (r.status === 'declined') {
          setState({ phase: 'declined' });
          return;
        }
        if (r.status === 'expired') ticket = null;
        else setState({ phase: 'showing', code: ticket.code, retrying: false });
      } catch (e) {
        if (!live()) return;
        if (isApiError(e) && (e.status === 404 || e.status === 409 || e.status === 410)) {
          // This code is used up or unknown (a restarted store): show a fresh one.
          ticket = null;
          continue;
        }
        failures++;
        if (isApiError(e) && e.code === 'RATE_LIMITED') {
          setState({ phase: 'error', message: e.message });
        } else if (ticket) {
          setState({ phase: 'showing', code: ticket.code, retrying: true });
        } else {
          setState({ phase: 'error', message: '网络不给力，暂时拿不到登录二维码，正在重试…' });
        }
        await sleep(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 5)));
      }
    }
  };

  const restart = () => {
    const gen = ++generation.current;
    setState({ phase: 'loading' });
    void run(gen);
  };

  useEffect(() => {
    if (!enabled) return undefined;
    restart();
    const gen = generation; // a counter, not an element: the cleanup bumps the same ref
    return () => {
      gen.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled]);

  return { state, restart };
}
