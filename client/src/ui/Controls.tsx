import { Picker, Switch, Text, View } from '@tarojs/components';
import { PickerBox } from '@/ui/FormField';
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
          <PickerBox id={`${id}-date`} text={date || '选择日期'} />
        </Picker>
      </View>
      <View className='org-dt-time'>
        <Picker mode='time' value={time} onChange={(e) => onChange(date, String(e.detail.value))}>
          <PickerBox id={`${id}-time`} text={time || '时间'} />
        </Picker>
      </View>
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

export interface StatTileProps {
  label: string;
  value: number | string;
  sub?: string;
  id?: string;
  tone?: 'green' | 'amber' | 'red' | 'grey';
}

/** A big number with its label, e.g. today's visits. */
export function StatTile({ label, value, sub, id, tone }: StatTileProps) {
  return (
    <View className={`org-stat ${tone ? `org-stat-${tone}` : ''}`}>
      <Text className='org-stat-value' id={id}>
        {value}
      </Text>
      <Text className='muted org-stat-label'>{label}</Text>
      {sub ? <Text className='org-fine-print'>{sub}</Text> : null}
    </View>
  );
}
