import { AMENITIES, AMENITY_ICONS, AMENITY_LABELS, CHINA_OFFSET_MS, chinaHHmm, chinaMonthDayTime, type Amenity } from '@xlx/shared';
import type { ChipOption } from '@/ui/Chips';

/**
 * Formatting, in two modules by who uses them so that the weapp main package carries only its own:
 * this one (both trees: China days and times through shared's formatters) and format-org.ts (the
 * organiser's pickers, ranges, rates, station hours and amenities).
 */

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function china(d: string | Date): Date {
  return new Date(new Date(d).getTime() + CHINA_OFFSET_MS);
}

/** "11月29日 周六" in China time. */
export function chinaDayText(d: string | Date): string {
  const c = china(d);
  return `${c.getUTCMonth() + 1}月${c.getUTCDate()}日 周${WEEKDAYS[c.getUTCDay()]}`;
}

/** "11月29日 14:05" in China time. */
export const chinaDateTimeText = (d: string | Date): string => chinaMonthDayTime(d);

/** "11月29日 周六 09:00-11:30", or both dates when the event spans days. */
export function eventTimeText(startsAt: string, endsAt: string): string {
  const sameDay = chinaDayText(startsAt) === chinaDayText(endsAt);
  return sameDay ? `${chinaDayText(startsAt)} ${chinaHHmm(startsAt)}-${chinaHHmm(endsAt)}` : `${chinaDateTimeText(startsAt)} 至 ${chinaDateTimeText(endsAt)}`;
}

/** Amenities as chips (symbol and name), in the app's order; all of them when no list is given. */
export function amenityChips(amenities: readonly Amenity[] = AMENITIES): ChipOption<Amenity>[] {
  return AMENITIES.filter((a) => amenities.includes(a)).map((a) => ({ value: a, label: AMENITY_LABELS[a], icon: AMENITY_ICONS[a] }));
}
