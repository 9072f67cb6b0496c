import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { AMENITY_ICONS, AMENITY_LABELS, type Amenity } from '@xlx/shared';
import StateView from '../../components/StateView';
import stationIcon from '../../assets/tab/station.png';
import './index.css';

/** The filters riders ask for most; the list comes with the stations feature. */
const QUICK_FILTERS: Amenity[] = ['water', 'charging', 'microwave', 'toilet', 'battery_swap', 'air_conditioning'];

export default function StationsPage() {
  usePullDownRefresh(() => {
    Taro.stopPullDownRefresh();
  });

  return (
    <View className='page stations'>
      <View className='search-bar' id='stations-search'>
        <Text className='search-placeholder'>搜索驿站名称或地址</Text>
      </View>

      <View className='chips' id='stations-filters'>
        <View className='chip'>
          <Text>24小时开放</Text>
        </View>
        {QUICK_FILTERS.map((a) => (
          <View className='chip' key={a}>
            <Text>
              {AMENITY_ICONS[a]} {AMENITY_LABELS[a]}
            </Text>
          </View>
        ))}
      </View>

      <View className='card' id='stations-empty'>
        <StateView
          image={stationIcon}
          title='附近驿站即将上线…'
          text='上线后可以在这里找到离您最近的工会驿站，看看哪里能喝水、充电、热饭、歇脚，并扫码签到。'
        />
      </View>

      {[0, 1, 2].map((i) => (
        <View className='card skeleton-card' key={i}>
          <View className='skeleton-line skeleton-title' />
          <View className='skeleton-line' />
          <View className='skeleton-line skeleton-short' />
        </View>
      ))}
    </View>
  );
}
