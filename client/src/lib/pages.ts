import { ApiError } from '@/services/request';

/** Page URLs of both trees (worker pages in the main package, the organiser subpackage), and their parameters. */

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

export const ORG_PAGES = {
  home: '/organiser/pages/index/index',
  stations: '/organiser/pages/stations/index',
  stationEdit: '/organiser/pages/station-edit/index',
  station: '/organiser/pages/station/index',
  kiosk: '/organiser/pages/kiosk/index',
  events: '/organiser/pages/events/index',
  eventEdit: '/organiser/pages/event-edit/index',
  event: '/organiser/pages/event/index',
  door: '/organiser/pages/door/index',
  attendance: '/organiser/pages/attendance/index',
  dashboard: '/organiser/pages/dashboard/index',
  requests: '/organiser/pages/requests/index',
  request: '/organiser/pages/request/index',
  memberships: '/organiser/pages/memberships/index',
  match: '/organiser/pages/match/index',
} as const;

/** A page URL with its query; empty and undefined values are left out. */
export function pageUrl(page: string, query: Record<string, string | number | boolean | undefined | null> = {}): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${page}?${parts.join('&')}` : page;
}

/** A page opened without the id it needs: shown like a 404. */
export const MISSING_ID = new ApiError({ code: 'NOT_FOUND', status: 404, message: '链接缺少编号' });

/** Positive integer from a page parameter, or null. */
export function idParam(v: string | undefined): number | null {
  if (!v) return null;
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
}
