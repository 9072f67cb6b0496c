import type { ComponentProps, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { OCCUPATION_LABELS, chinaHHmm, type StationStats } from '@xlx/shared';
import { shortDate, todayChina } from '@/lib/format-org';
import { Loaded } from '@/organiser/components/Kit';

export interface Bar {
  key: string;
  /** Shown under the bar when `labelEvery` lets it. */
  label: string;
  value: number;
}

interface BarChartProps {
  bars: Bar[];
  /** Show every n-th label, counted from the first bar (or from the last with labelFromEnd). */
  labelEvery?: number;
  labelFromEnd?: boolean;
  /** Bar to highlight (today, this hour). */
  highlightKey?: string;
  id?: string;
  unit?: string;
}

/** A vertical bar chart of plain Views: no canvas, renders the same on the mini-program and H5. */
export function BarChart({ bars, labelEvery = 1, labelFromEnd = false, highlightKey, id, unit = '' }: BarChartProps) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const peak = bars.reduce<Bar | null>((best, b) => (b.value > 0 && (!best || b.value > best.value) ? b : best), null);
  return (
    <View className='org-chart' id={id}>
      <View className='org-chart-axis'>
        <Text className='org-fine-print org-chart-max'>{max}</Text>
        <Text className='org-fine-print org-chart-max'>0</Text>
      </View>
      <View className='org-chart-body'>
        <View className='org-chart-bars'>
          {bars.map((b) => (
            <View className='org-chart-col' key={b.key}>
              <View
                className={`org-chart-bar ${b.key === highlightKey ? 'org-chart-bar-hl' : ''} ${b.value === 0 ? 'org-chart-bar-zero' : ''}`}
                style={{ height: `${b.value === 0 ? 0 : Math.max(2, (b.value / max) * 100)}%` }}
              />
            </View>
          ))}
        </View>
        <View className='org-chart-labels'>
          {bars.map((b, i) => (
            <View className='org-chart-col' key={b.key}>
              <Text className='org-fine-print org-chart-label'>{(labelFromEnd ? bars.length - 1 - i : i) % labelEvery === 0 ? b.label : ''}</Text>
            </View>
          ))}
        </View>
      </View>
      {peak ? (
        <Text className='org-fine-print org-chart-note'>
          最高：{peak.label} {peak.value}
          {unit}
        </Text>
      ) : null}
    </View>
  );
}

export interface HBar {
  key: string;
  label: string;
  value: number;
}

/** Horizontal bars with a label and the number: a mix such as occupations. */
export function HBarChart({ rows, unit = '', id }: { rows: HBar[]; unit?: string; id?: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const total = rows.reduce((n, r) => n + r.value, 0);
  return (
    <View className='org-hbars' id={id}>
      {rows.map((r) => (
        <View className='org-hbar-row' key={r.key}>
          <Text className='org-hbar-label'>{r.label}</Text>
          <View className='org-hbar-track'>
            <View className='org-hbar-fill' style={{ width: `${r.value === 0 ? 0 : Math.max(2, (r.value / max) * 100)}%` }} />
          </View>
          <Text className='org-hbar-value'>
            {r.value}
            {unit}
            {total > 0 ? <Text className='org-fine-print'> {Math.round((r.value / total) * 100)}%</Text> : null}
          </Text>
        </View>
      ))}
    </View>
  );
}

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
