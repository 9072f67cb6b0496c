import { AMENITY_LABELS, CHINA_OFFSET_MS, chinaDate, chinaHHmm, type Amenity, type Station } from '@xlx/shared';
import { chinaDayText } from '@/lib/format';

/** The organiser's formatting (see format.ts). */

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

/** "11月29日 周六 14:00" in China time. */
export function fmtDateTime(iso: string): string {
  return `${chinaDayText(iso)} ${chinaHHmm(iso)}`;
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

// --- Stations ------------------------------------------------------------------------------

export function stationHours(s: Pick<Station, 'open24h' | 'opensAt' | 'closesAt'>): string {
  if (s.open24h) return '24小时开放';
  return s.opensAt && s.closesAt ? `${s.opensAt}–${s.closesAt}` : '未设置开放时间';
}

/** "饮用水 · 手机充电 · 卫生间 等8项": amenities as words, short enough for a list row. */
export function amenityText(amenities: Amenity[], max = 5): string {
  const words = amenities
    .slice(0, max)
    .map((a) => AMENITY_LABELS[a])
    .join(' · ');
  return amenities.length > max ? `${words} 等${amenities.length}项` : words;
}
