import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import StateView from '../../components/StateView';
import eventsIcon from '../../assets/tab/events.png';
import './index.css';

const CATEGORIES = ['技能培训', '健康体检', '安全讲座', '技能比武', '文体活动', '入会仪式', '青年联谊'];

export default function EventsPage() {
  usePullDownRefresh(() => {
    Taro.stopPullDownRefresh();
  });

  return (
    <View className='page events'>
      <View className='events-tabs' id='events-tabs'>
        <View className='events-tab events-tab-active'>
          <Text>可报名</Text>
        </View>
        <View className='events-tab'>
          <Text>我的报名</Text>
        </View>
      </View>

      <View className='chips' id='events-categories'>
        {CATEGORIES.map((c) => (
          <View className='chip' key={c}>
            <Text>{c}</Text>
          </View>
        ))}
      </View>

      <View className='card' id='events-empty'>
        <StateView
          image={eventsIcon}
          title='工会活动即将上线…'
          text='上线后可以在这里报名免费技能培训、健康体检、安全讲座和联谊活动，现场出示电子票签到。'
        />
      </View>

      {[0, 1].map((i) => (
        <View className='card skeleton-card' key={i}>
          <View className='skeleton-line skeleton-title' />
          <View className='skeleton-line' />
          <View className='skeleton-line skeleton-short' />
        </View>
      ))}
    </View>
  );
}
