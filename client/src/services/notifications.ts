import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { CallResponse } from '@xlx/shared';
import { call, type ApiRoutes } from './api';

/** GET /me/notifications, as its contract answers it. */
export type NoticeList = CallResponse<ApiRoutes['get /api/v1/me/notifications']>;
export type Notice = NoticeList['items'][number];

let unread = 0;
const listeners = new Set<(n: number) => void>();

/** The 我的 tab's index in the tab bar (app.config.ts). */
const ME_TAB_INDEX = 3;

function setUnread(n: number): void {
  const changed = n !== unread;
  unread = n;
  listeners.forEach((fn) => fn(n));
  if (!changed) return;
  // A red count on the 我的 tab too, so that a promotion from the waitlist is not missed.
  const done = () => undefined;
  if (n > 0) Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: n > 99 ? '99+' : String(n) }).then(done, done);
  else Taro.removeTabBarBadge({ index: ME_TAB_INDEX }).then(done, done);
}

export const notificationsService = {
  async list(): Promise<NoticeList> {
    const r = await call('get /api/v1/me/notifications', {});
    setUnread(r.unread);
    return r;
  },
  async markAllRead(): Promise<void> {
    await call('post /api/v1/me/notifications/read', {});
    setUnread(0);
  },
  /** Refreshes the unread count (for the badge on 我的); failures keep the last count. */
  async refreshUnread(): Promise<number> {
    try {
      return (await notificationsService.list()).unread;
    } catch {
      return unread;
    }
  },
};

/** The unread count as React state. */
export function useUnreadCount(): number {
  const [n, setN] = useState(unread);
  useEffect(() => {
    setN(unread);
    listeners.add(setN);
    return () => {
      listeners.delete(setN);
    };
  }, []);
  return n;
}
