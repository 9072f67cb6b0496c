import Taro from '@tarojs/taro';
import { AMENITY_LABELS, CHINA_OFFSET_MS, chinaDate, chinaHHmm, type Amenity, type Organisation, type RoleGrant, type Station } from '@xlx/shared';
import { ApiError, errorMessage, isApiError } from '@/services/request';
import { goToLogin } from '@/services/session';

export const isWeapp = process.env.TARO_ENV === 'weapp';
export const isH5 = process.env.TARO_ENV === 'h5';

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

// --- China time (organisers and workers are all on UTC+8) -----------------------------------

/** "2026-11-29T14:00:00+08:00" from the pickers' "2026-11-29" and "14:00". */
export function toChinaIso(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

export function splitChinaIso(iso: string): { date: string; time: string } {
  return { date: chinaDate(iso), time: chinaHHmm(iso) };
}

export function todayChina(): string {
  return chinaDate(new Date());
}

/** A China date plus `days`. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Current China time rounded down to 5 minutes, as HH:mm (a window that is already open). */
export function nowHHmmRounded(): string {
  const c = new Date(Date.now() + CHINA_OFFSET_MS);
  const m = Math.floor((c.getUTCHours() * 60 + c.getUTCMinutes()) / 5) * 5;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** "11月29日 周六 14:00" in China time. */
export function fmtDateTime(iso: string): string {
  const c = new Date(new Date(iso).getTime() + CHINA_OFFSET_MS);
  return `${c.getUTCMonth() + 1}月${c.getUTCDate()}日 周${WEEKDAYS[c.getUTCDay()]} ${chinaHHmm(iso)}`;
}

/** "11月29日 14:00–16:00", or with both dates when the event spans days. */
export function fmtRange(startIso: string, endIso: string): string {
  if (chinaDate(startIso) === chinaDate(endIso)) return `${fmtDateTime(startIso)}–${chinaHHmm(endIso)}`;
  return `${fmtDateTime(startIso)} 至 ${fmtDateTime(endIso)}`;
}

/** "2026年11月29日" style short date of an instant, in China time: "11月29日", with the year when not this year. */
export function fmtDate(iso: string): string {
  const d = chinaDate(iso);
  const [y, m, day] = d.split('-');
  return `${y === todayChina().slice(0, 4) ? '' : `${y}年`}${Number(m)}月${Number(day)}日`;
}

/** A rate 0..1 as a whole percent, or "–" when there is nothing to measure. */
export function pct(rate: number | null | undefined): string {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? '–' : `${Math.round(rate * 100)}%`;
}

/** The first line of a text, cut to `max` characters. */
export function firstLine(text: string, max = 40): string {
  const line = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  const t = line.trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** "MM-DD" of a China date string. */
export function shortDate(date: string): string {
  return date.slice(5);
}

// --- Organisations -------------------------------------------------------------------------

export interface OrgOption {
  id: number;
  name: string;
  /** Indented for the picker (descendants under their parent). */
  label: string;
}

/** The organisations I manage: each granted one and all its descendants, tree order. */
export function managedOrganisations(grants: RoleGrant[], all: Organisation[]): OrgOption[] {
  const children = new Map<number | null, Organisation[]>();
  for (const o of all) {
    const list = children.get(o.parentId) ?? [];
    list.push(o);
    children.set(o.parentId, list);
  }
  const out: OrgOption[] = [];
  const seen = new Set<number>();
  const walk = (o: Organisation, depth: number) => {
    if (seen.has(o.id)) return;
    seen.add(o.id);
    out.push({ id: o.id, name: o.name, label: `${depth ? `${'　'.repeat(depth)}└ ` : ''}${o.name}` });
    for (const c of children.get(o.id) ?? []) walk(c, depth + 1);
  };
  for (const g of grants) {
    const root = all.find((o) => o.id === g.organisationId);
    if (root) walk(root, 0);
    else if (!seen.has(g.organisationId)) {
      seen.add(g.organisationId);
      out.push({ id: g.organisationId, name: g.organisationName, label: g.organisationName });
    }
  }
  return out;
}

// --- Stations ------------------------------------------------------------------------------

export function stationHours(s: Pick<Station, 'open24h' | 'opensAt' | 'closesAt'>): string {
  if (s.open24h) return '24小时开放';
  return s.opensAt && s.closesAt ? `${s.opensAt}–${s.closesAt}` : '未设置开放时间';
}

/** "饮用水 · 手机充电 · 卫生间 等8项": amenities as words, short enough for a list row. */
export function amenityText(amenities: Amenity[], max = 5): string {
  const words = amenities.slice(0, max).map((a) => AMENITY_LABELS[a]).join(' · ');
  return amenities.length > max ? `${words} 等${amenities.length}项` : words;
}

// --- Errors of actions (buttons), as opposed to page loads (see PageState) -----------------

/** Tells the organiser why an action failed and what to do; a 401 goes to the login page. */
export async function showActionError(e: unknown, title = '操作失败'): Promise<void> {
  if (isApiError(e) && e.status === 401) {
    await Taro.showModal({ title: '登录已失效', content: '请重新登录后再操作。', showCancel: false, confirmText: '去登录' });
    goToLogin();
    return;
  }
  await Taro.showModal({ title, content: errorMessage(e), showCancel: false, confirmText: '知道了' });
}

/** After a failed save: bring the first red field into view. */
export function scrollToFirstError(): void {
  setTimeout(() => {
    Taro.pageScrollTo({ selector: '.field-invalid', offsetTop: -120, duration: 200 }).catch(() => undefined);
  }, 80);
}

export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  void Taro.showToast({ title, icon, duration: icon === 'none' ? 2500 : 1500 });
}
