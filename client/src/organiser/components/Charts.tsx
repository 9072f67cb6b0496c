import { Text, View } from '@tarojs/components';

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
