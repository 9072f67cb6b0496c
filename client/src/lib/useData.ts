import { useCallback, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { ApiError, isApiError, NETWORK_MESSAGE } from '@/services/request';
import { ensureSignedIn } from '@/services/session';

export interface Remote<T> {
  data: T | null;
  error: ApiError | null;
  /** True while the first load (or a non-quiet reload) runs. */
  loading: boolean;
  /** Loads again; `quiet` keeps the current data on screen (live refresh, pull-down). */
  reload: (quiet?: boolean) => Promise<void>;
  setData: Dispatch<SetStateAction<T | null>>;
}

export interface DataOptions {
  /** Sign in first (default); false for public data. */
  auth?: boolean;
  /** Load each time the page shows (default); false when the page calls reload itself. */
  onShow?: boolean;
  /** Reload on pull-down (default); false where one pull-down reloads several remotes together. */
  pullDown?: boolean;
}

function asApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  return new ApiError({ code: 'NETWORK', status: 0, message: NETWORK_MESSAGE });
}

/**
 * The one data hook of every page: makes sure there is a session first (the login page on H5, a
 * silent WeChat sign-in on the mini-program), retries once after an expired session, ignores
 * answers that arrive after a newer load started, loads when the page shows (quietly once there
 * is data) and on pull-down.
 */
export function useData<T>(load: () => Promise<T>, options: DataOptions = {}): Remote<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const seq = useRef(0);
  const loaded = useRef(false);
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
          loaded.current = true;
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

  useDidShow(() => {
    if (options.onShow !== false) void reload(loaded.current);
  });
  usePullDownRefresh(() => {
    if (options.pullDown !== false) void reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  return { data, error, loading, reload, setData };
}

/** For a page that reloads several remotes together (or only once its parameters are known). */
export const MANUAL: DataOptions = { onShow: false, pullDown: false };
