/** China has one time zone and no daylight saving: UTC+8 all year. */
export const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** A UTC instant shifted so that its UTC fields read as China wall-clock time. */
function china(d: Date): Date {
  return new Date(d.getTime() + CHINA_OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:05" in China time. */
export function chinaHHmm(d: Date | string): string {
  const c = china(new Date(d));
  return `${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}`;
}

/** "2026-11-29" in China time. */
export function chinaDate(d: Date | string): string {
  return china(new Date(d)).toISOString().slice(0, 10);
}

/** "11月29日" in China time. */
export function chinaMonthDay(d: Date | string): string {
  const c = china(new Date(d));
  return `${c.getUTCMonth() + 1}月${c.getUTCDate()}日`;
}

/** "11月29日 14:05" in China time: how a worker reads a date and time in a message. */
export function chinaMonthDayTime(d: Date | string): string {
  return `${chinaMonthDay(d)} ${chinaHHmm(d)}`;
}

/** Minutes since China midnight. */
export function chinaMinuteOfDay(d: Date): number {
  const c = china(d);
  return c.getUTCHours() * 60 + c.getUTCMinutes();
}

/** The UTC instant of China midnight starting the day that contains `d`. */
export function chinaStartOfDay(d: Date): Date {
  const c = china(d);
  return new Date(Date.UTC(c.getUTCFullYear(), c.getUTCMonth(), c.getUTCDate()) - CHINA_OFFSET_MS);
}

/** Whether "HH:mm"-"HH:mm" opening hours include `at`; handles ranges past midnight (22:00-06:00). */
export function isOpenAt(opensAt: string, closesAt: string, at: Date): boolean {
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  const o = toMin(opensAt);
  const c = toMin(closesAt);
  const m = chinaMinuteOfDay(at);
  if (o === c) return true;
  return o < c ? m >= o && m < c : m >= o || m < c;
}

/** `days` working days after `from` (China calendar, Saturdays and Sundays skipped), same time of day. */
export function addWorkingDays(from: Date, days: number): Date {
  let t = from.getTime();
  let left = days;
  while (left > 0) {
    t += 24 * 3600 * 1000;
    const weekday = new Date(t + CHINA_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return new Date(t);
}
