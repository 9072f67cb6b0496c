import { Text, View } from '@tarojs/components';
import Icon from '@/ui/Icon';
import './index.css';

export interface ChipOption<T extends string | number> {
  value: T;
  label: string;
  /** A symbol before the label (an amenity's). */
  icon?: string;
}

/**
 * form: large pills in the worker's forms; org: the organiser's filters and form choices;
 * tag: small read-only pills (what a station offers); tile: big read-only tiles; icon: the symbols alone.
 */
export type ChipsLook = 'form' | 'org' | 'tag' | 'tile' | 'icon';

type Choice<T> =
  /** One of the options, or nothing chosen yet (null); read-only chips have neither value nor onChange. */
  | { multiple?: false; value?: T | null; values?: never; onChange?: (value: T) => void }
  /** Several of the options: a tap adds or removes one, onChange gets the new list. */
  | { multiple: true; values: readonly T[]; value?: never; onChange: (values: T[]) => void };

type Props<T extends string | number> = Choice<T> & {
  options: readonly ChipOption<T>[];
  look?: ChipsLook;
  /** Each chip gets the id `<idPrefix>-<value>`, for tests. */
  idPrefix?: string;
  id?: string;
  /** Shown instead when there are no options. */
  empty?: string;
};

const ITEM: Record<ChipsLook, string> = { form: 'chip chip-large', org: 'chip chip-org', tag: 'chip chip-tag', tile: 'chip-tile', icon: 'chip-symbol' };

/** The app's chips: pick one or several of a few options, or show a few things, optionally with their symbols. */
export default function Chips<T extends string | number>(props: Props<T>) {
  const { options, look = 'form', idPrefix, id, empty } = props;
  if (options.length === 0 && empty) {
    return (
      <View id={id} className='chips-empty'>
        <Text className='muted'>{empty}</Text>
      </View>
    );
  }
  const chosen: readonly T[] = props.multiple ? props.values : props.value == null ? [] : [props.value];
  const tap = (v: T) => {
    if (props.multiple) props.onChange(chosen.includes(v) ? chosen.filter((x) => x !== v) : [...chosen, v]);
    else props.onChange?.(v);
  };
  return (
    <View id={id} className={`chips chips-${look}`}>
      {options.map((o) =>
        look === 'icon' ? (
          <Text key={o.value} className={ITEM.icon}>
            {o.icon ?? o.label}
          </Text>
        ) : (
          <View
            key={o.value}
            id={idPrefix ? `${idPrefix}-${o.value}` : undefined}
            className={`${ITEM[look]} ${chosen.includes(o.value) ? 'chip-active' : ''}`}
            hoverClass={look === 'form' && props.onChange ? 'chip-hover' : undefined}
            onClick={props.onChange ? () => tap(o.value) : undefined}
          >
            {chosen.includes(o.value) ? <Icon name='ok' /> : null}
            {o.icon ? <Text className='chip-icon'>{o.icon}</Text> : null}
            <Text className='chip-label'>{o.label}</Text>
          </View>
        ),
      )}
    </View>
  );
}
