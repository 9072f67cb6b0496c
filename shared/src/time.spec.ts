import { addWorkingDays, chinaDate, chinaHHmm, chinaMonthDay, chinaMonthDayTime, chinaStartOfDay, isOpenAt } from './time';
import { distanceMetres, formatDistance } from './geo';

describe('China time', () => {
  it('formats in UTC+8', () => {
    expect(chinaHHmm('2026-11-29T02:05:00Z')).toBe('10:05');
    expect(chinaDate('2026-11-29T17:00:00Z')).toBe('2026-11-30');
    expect(chinaStartOfDay(new Date('2026-11-29T17:00:00Z')).toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });

  it.each([
    ['08:00', '20:00', '2026-11-29T00:00:00Z', true], // 08:00
    ['08:00', '20:00', '2026-11-28T23:59:00Z', false], // 07:59
    ['08:00', '20:00', '2026-11-29T12:00:00Z', false], // 20:00
    ['22:00', '06:00', '2026-11-29T15:00:00Z', true], // 23:00
    ['22:00', '06:00', '2026-11-29T21:30:00Z', true], // 05:30
    ['22:00', '06:00', '2026-11-29T04:00:00Z', false], // 12:00
  ])('%s-%s open at %s: %s', (o, c, at, open) => {
    expect(isOpenAt(o, c, new Date(at))).toBe(open);
  });
});

describe('distance', () => {
  it('measures metres between two points', () => {
    // About 1.11 km per 0.01 degree of latitude.
    expect(distanceMetres({ latitude: 30.0, longitude: 120.0 }, { latitude: 30.01, longitude: 120.0 })).toBeGreaterThan(1100);
    expect(distanceMetres({ latitude: 30.0, longitude: 120.0 }, { latitude: 30.01, longitude: 120.0 })).toBeLessThan(1120);
    expect(distanceMetres({ latitude: 30, longitude: 120 }, { latitude: 30, longitude: 120 })).toBe(0);
  });
  it('formats for people', () => {
    expect(formatDistance(850)).toBe('850 米');
    expect(formatDistance(1234)).toBe('1.2 公里');
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['Monday 10:00 + 3 -> Thursday', '2026-11-30T02:00:00Z', '2026-12-03T02:00:00.000Z'],
    ['Thursday + 3 -> Tuesday (weekend skipped)', '2026-12-03T02:00:00Z', '2026-12-08T02:00:00.000Z'],
    ['Saturday + 3 -> Wednesday', '2026-11-28T02:00:00Z', '2026-12-02T02:00:00.000Z'],
  ])('%s', (_n, from, due) => {
    expect(addWorkingDays(new Date(from), 3).toISOString()).toBe(due);
  });
});

describe('chinaMonthDay / chinaMonthDayTime', () => {
  it.each([
    ['2026-11-29T15:59:00Z', '11月29日', '11月29日 23:59'],
    ['2026-11-29T16:00:00Z', '11月30日', '11月30日 00:00'],
    ['2026-12-31T16:05:00Z', '1月1日', '1月1日 00:05'],
  ])('reads %s as %s in China', (iso, day, dayTime) => {
    expect(chinaMonthDay(iso)).toBe(day);
    expect(chinaMonthDayTime(new Date(iso))).toBe(dayTime);
  });
});
