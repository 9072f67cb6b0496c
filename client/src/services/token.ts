import Taro from '@tarojs/taro';

const TOKEN_KEY = 'xlx.token';

type Listener = () => void;
const clearedListeners = new Set<Listener>();

/** The session token kept in local storage, or null when signed out. */
export function getToken(): string | null {
  try {
    const value: unknown = Taro.getStorageSync(TOKEN_KEY);
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token);
}

/** Forgets the token and tells the session store (an expired token, sign-out, account erased). */
export function clearToken(): void {
  try {
    Taro.removeStorageSync(TOKEN_KEY);
  } catch {
    // Storage can fail when full; the in-memory session is cleared by the listeners anyway.
  }
  clearedListeners.forEach((fn) => fn());
}

export function onTokenCleared(fn: Listener): () => void {
  clearedListeners.add(fn);
  return () => clearedListeners.delete(fn);
}
