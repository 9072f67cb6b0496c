import { ApiError } from '@/services/request';

/** The organiser subpackage's page URLs and page parameters (see pages.ts). */

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

/** A page opened without the id it needs: shown like a 404. */
export const MISSING_ID = new ApiError({ code: 'NOT_FOUND', status: 404, message: '链接缺少编号' });

/** Positive integer from a page parameter, or null. */
export function idParam(v: string | undefined): number | null {
  if (!v) return null;
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
}
