/** Page URLs: the worker pages here, the organiser subpackage's in org-pages.ts (kept apart so the weapp main package does not carry them). */

export const isWeapp = process.env.TARO_ENV === 'weapp';
export const isH5 = process.env.TARO_ENV === 'h5';

export const PAGES = {
  home: '/pages/index/index',
  stations: '/pages/stations/index',
  station: '/pages/station/index',
  events: '/pages/events/index',
  event: '/pages/event/index',
  ticket: '/pages/ticket/index',
  registrations: '/pages/registrations/index',
  visits: '/pages/visits/index',
  requests: '/pages/requests/index',
  request: '/pages/request/index',
  notifications: '/pages/notifications/index',
  me: '/pages/me/index',
  membership: '/pages/membership/index',
  match: '/pages/match/index',
  matchProfile: '/pages/match-profile/index',
  login: '/pages/login/index',
} as const;

/** A page URL with its query; empty and undefined values are left out. */
export function pageUrl(page: string, query: Record<string, string | number | boolean | undefined | null> = {}): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${page}?${parts.join('&')}` : page;
}
