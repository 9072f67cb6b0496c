import type { PropsWithChildren } from 'react';
import { Picker, Switch, Text, View } from '@tarojs/components';
import Icon from '@/ui/Icon';
import { color } from '@/styles/tokens';

/** A date picker and a time picker side by side (mode='date' + mode='time'). */
export function DateTimePicker({
  id,
  date,
  time,
  onChange,
  start,
}: {
  id: string;
  date: string;
  time: string;
  onChange: (date: string, time: string) => void;
  start?: string;
}) {
  return (
    <View className='org-datetime'>
      <View className='org-dt-date'>
        <Picker mode='date' value={date} start={start} onChange={(e) => onChange(String(e.detail.value), time)}>
          <View id={`${id}-date`} className='field-picker'>
            <Text>{date || '选择日期'}</Text>
            <Text className='field-placeholder'>›</Text>
          </View>
        </Picker>
      </View>
      <View className='org-dt-time'>
        <Picker mode='time' value={time} onChange={(e) => onChange(date, String(e.detail.value))}>
          <View id={`${id}-time`} className='field-picker'>
            <Text>{time || '时间'}</Text>
            <Text className='field-placeholder'>›</Text>
          </View>
        </Picker>
      </View>
    </View>
  );
}

export interface ChipOption<T extends string | number> {
  value: T;
  label: string;
}

/** Large toggle chips: several (multi) or one (single) of a few options. */
export function ChipSelect<T extends string | number>({
  options,
  selected,
  onToggle,
  idPrefix,
}: {
  options: ChipOption<T>[];
  selected: T[];
  onToggle: (value: T) => void;
  idPrefix: string;
}) {
  return (
    <View className='chips org-chips'>
      {options.map((o) => {
        const on = selected.includes(o.value);
        return (
          <View key={String(o.value)} id={`${idPrefix}-${o.value}`} className={`chip org-chip ${on ? 'org-chip-on' : ''}`} onClick={() => onToggle(o.value)}>
            {on ? <Icon name='ok' /> : null}
            <Text>{o.label}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** A labelled switch with a line of explanation: a whole-row touch target. */
export function SwitchRow({
  id,
  label,
  hint,
  checked,
  onChange,
  disabled,
}: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <View className='row-between org-switch-row'>
      <View className='org-switch-text'>
        <Text className='org-switch-label'>{label}</Text>
        {hint ? <Text className='org-switch-hint'>{hint}</Text> : null}
      </View>
      <Switch id={id} checked={checked} disabled={disabled} color={color.primary} onChange={(e) => onChange(Boolean(e.detail.value))} />
    </View>
  );
}

/** A big number with its label, e.g. today's visits. */
export function StatTile({
  label,
  value,
  sub,
  id,
  tone,
}: {
  label: string;
  value: number | string;
  sub?: string;
  id?: string;
  tone?: 'green' | 'amber' | 'red' | 'grey';
}) {
  return (
    <View className={`org-stat ${tone ? `org-stat-${tone}` : ''}`}>
      <Text className='org-stat-value' id={id}>
        {value}
      </Text>
      <Text className='org-stat-label'>{label}</Text>
      {sub ? <Text className='org-stat-sub'>{sub}</Text> : null}
    </View>
  );
}

export function Badge({ tone, children, id }: PropsWithChildren<{ tone: 'green' | 'amber' | 'red' | 'grey' | 'blue'; id?: string }>) {
  return (
    <Text className={`org-badge org-badge-${tone}`} id={id}>
      {children}
    </Text>
  );
}
