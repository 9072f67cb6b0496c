import { useCallback, useRef, useState } from 'react';
import { ApiError, isApiError, NETWORK_MESSAGE } from '../../services/request';
import { ensureSignedIn } from '../../services/session';

export interface Remote<T> {
  data: T | null;
  error: ApiError | null;
  /** True while the first load (or a non-quiet reload) runs. */
  loading: boolean;
  /** Loads again; `quiet` keeps the current data on screen (live refresh, pull-down). */
  reload: (quiet?: boolean) => Promise<void>;
  setData: (d: T | null) => void;
}

function asApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  return new ApiError({ code: 'NETWORK', status: 0, message: NETWORK_MESSAGE });
}

/**
 * A signed-in organiser load: makes sure there is a session first (the login page on H5, a
 * silent WeChat sign-in on the mini-program), retries once after an expired session, and
 * ignores answers that arrive after a newer load started.
 */
export function useRemote<T>(load: () => Promise<T>, options: { auth?: boolean } = {}): Remote<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const seq = useRef(0);
  const needsAuth = options.auth !== false;

  const reload = useCallback(
    async (quiet = false) => {
      const mine = ++seq.current;
      if (!quiet) setLoading(true);
      try {
        if (needsAuth && !(await ensureSignedIn())) return; // on its way to the login page
        let result: T;
        try {
          result = await loadRef.current();
        } catch (e) {
          if (!needsAuth || !isApiError(e) || e.status !== 401) throw e;
          // The stored session expired (the wrapper forgot it): sign in again once.
          if (!(await ensureSignedIn())) return;
          result = await loadRef.current();
        }
        if (mine === seq.current) {
          setData(result);
          setError(null);
        }
      } catch (e) {
        if (mine === seq.current) setError(asApiError(e));
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [needsAuth],
  );

  return { data, error, loading, reload, setData };
}
