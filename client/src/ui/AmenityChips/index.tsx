import { Text, View } from '@tarojs/components';
import { AMENITIES, AMENITY_ICONS, AMENITY_LABELS, type Amenity } from '@xlx/shared';
import './index.css';

interface Props {
  amenities: readonly Amenity[];
  /** 'chips' wraps small pills (lists, results); 'grid' lays out big tiles (station detail). */
  variant?: 'chips' | 'grid' | 'icons';
  id?: string;
}

/** What a station offers, as icon + label, always in the same order. */
export default function AmenityChips({ amenities, variant = 'chips', id }: Props) {
  const sorted = AMENITIES.filter((a) => amenities.includes(a));
  if (sorted.length === 0) {
    return (
      <View id={id} className='amenities-none'>
        <Text className='muted'>暂未登记服务设施</Text>
      </View>
    );
  }
  if (variant === 'icons') {
    return (
      <View id={id} className='amenity-icons'>
        {sorted.map((a) => (
          <Text key={a} className='amenity-icon'>
            {AMENITY_ICONS[a]}
          </Text>
        ))}
      </View>
    );
  }
  return (
    <View id={id} className={variant === 'grid' ? 'amenity-grid' : 'amenity-chips'}>
      {sorted.map((a) => (
        <View key={a} className={variant === 'grid' ? 'amenity-tile' : 'amenity-chip'}>
          <Text className='amenity-emoji'>{AMENITY_ICONS[a]}</Text>
          <Text className='amenity-label'>{AMENITY_LABELS[a]}</Text>
        </View>
      ))}
    </View>
  );
}
