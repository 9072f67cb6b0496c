import { Text, View } from '@tarojs/components';
import './index.css';
import Icon from '@/ui/Icon';

export interface Choice<K extends string> {
  key: K;
  label: string;
}

interface Props<K extends string> {
  options: readonly Choice<K>[];
  /** The chosen key, or null when nothing is chosen yet. */
  value: K | null;
  onChange: (key: K) => void;
  /** Each chip gets the id `<idPrefix>-<key>`, for tests. */
  idPrefix: string;
  id?: string;
}

/** Pick one of a few options with large pills (uses the global .chip styles). */
export default function ChoiceChips<K extends string>({ options, value, onChange, idPrefix, id }: Props<K>) {
  return (
    <View id={id} className='chips choice-chips'>
      {options.map((o) => (
        <View
          key={o.key}
          id={`${idPrefix}-${o.key}`}
          className={`chip choice-chip ${value === o.key ? 'chip-active' : ''}`}
          hoverClass='chip-hover'
          onClick={() => onChange(o.key)}
        >
          {value === o.key ? <Icon name='ok' /> : null}
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}
