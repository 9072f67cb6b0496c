import type { CheckinRequest, CheckinResult, VisitList } from '@xlx/shared';
import { call } from './api';

export const checkinsService = {
  /** POST /checkins: idempotent per clientRequestId, so a retry never makes a second visit. */
  checkIn: (req: CheckinRequest): Promise<CheckinResult> => call('post /api/v1/checkins', { body: req }),
  /** GET /me/visits, newest first; `before` is the previous page's nextCursor. */
  visits: (before?: number | null, limit = 30): Promise<VisitList> => call('get /api/v1/me/visits', { query: before ? { before, limit } : { limit } }),
};

/** 8-64 characters of [A-Za-z0-9_-], unique enough per device: time plus randomness. */
export function newClientRequestId(): string {
  const rand = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `c${Date.now().toString(36)}-${rand()}${rand()}`;
}

/**
 * The last answers, kept in memory so that the result page renders at once without another
 * request (the URL carries enough to reload it after a browser refresh).
 */
let lastCheckin: CheckinResult | null = null;

export function rememberCheckin(r: CheckinResult): void {
  lastCheckin = r;
}

export function recalledCheckin(id: number): CheckinResult | null {
  return lastCheckin && lastCheckin.id === id ? lastCheckin : null;
}
