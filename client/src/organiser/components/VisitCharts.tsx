import type { ComponentProps, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { OCCUPATION_LABELS, chinaHHmm, type StationStats } from '@xlx/shared';
import { shortDate, todayChina } from '@/lib/format-org';
import { Loaded } from '@/organiser/components/Kit';
import { BarChart, HBarChart } from '@/organiser/components/Charts';

interface VisitChartsProps {
  /** `dash`, `station`: ids `<id>-chart-days`, `<id>-chart-hours`, `<id>-occupations`. */
  id: string;
  /** More classes of the charts' grid. */
  className?: string;
  perDay: { date: string; visits: number }[];
  /** Today's hours and the 30 days' occupations: they may load on their own (`Loaded`). */
  stats: ComponentProps<typeof Loaded<StationStats>>['remote'];
  /** Shown when no worker has an occupation on record (else the occupation chart is left out). */
  noOccupations?: string;
}

/** Visits of the last 30 days per day, today's per hour, and the occupations of the workers who came. */
export function VisitCharts({ id, className = '', perDay, stats, noOccupations }: VisitChartsProps) {
  const today = todayChina();
  const hourNow = Number(chinaHHmm(new Date()).slice(0, 2));
  const any = (s: StationStats | null) => Boolean(s && s.occupations.some((o) => o.workers > 0));
  const col = (title: string, body: ReactNode, wide = false) => (
    <View className={wide ? 'org-col org-wide' : 'org-col'}>
      <Text className='org-chart-title'>{title}</Text>
      {body}
    </View>
  );
  return (
    <View className={`org-grid ${className}`}>
      {col(
        '近30天每日到访（人次）',
        <BarChart
          id={`${id}-chart-days`}
          bars={perDay.map((x) => ({ key: x.date, label: shortDate(x.date), value: x.visits }))}
          labelEvery={7}
          labelFromEnd
          highlightKey={today}
          unit='人次'
        />,
      )}
      {col(
        '今日各时段到访（人次）',
        <Loaded remote={stats}>
          {(s) => (
            <BarChart
              id={`${id}-chart-hours`}
              bars={s.perHour.map((h) => ({ key: String(h.hour), label: `${h.hour}时`, value: h.visits }))}
              labelEvery={6}
              highlightKey={String(hourNow)}
              unit='人次'
            />
          )}
        </Loaded>,
      )}
      {any(stats.data) || (stats.data && noOccupations)
        ? col(
            '近30天到访工友职业',
            any(stats.data) ? (
              <HBarChart
                id={`${id}-occupations`}
                unit='人'
                rows={stats.data!.occupations.map((o) => ({
                  key: o.occupation,
                  label: o.occupation === 'unknown' ? '未填写' : OCCUPATION_LABELS[o.occupation],
                  value: o.workers,
                }))}
              />
            ) : (
              <Text className='muted'>{noOccupations}</Text>
            ),
            true,
          )
        : null}
    </View>
  );
}
