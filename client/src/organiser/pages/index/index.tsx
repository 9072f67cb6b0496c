import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import StateView from '../../../components/StateView';
import stationIcon from '../../../assets/tab/station-active.png';
import eventsIcon from '../../../assets/tab/events-active.png';
import checkIcon from '../../../assets/icons/check.png';
import { errorMessage } from '../../../services/request';
import { loadMe, useSession } from '../../../services/session';
import './index.css';

const ROLE_LABELS = { organiser: '组织者', admin: '管理员' } as const;

const COMING = [
  { icon: stationIcon, title: '驿站管理', text: '发布驿站、设置开放时间和服务项目、展示轮换签到码' },
  { icon: eventsIcon, title: '活动发布', text: '发布培训、体检、讲座等活动，管理报名和候补' },
  { icon: checkIcon, title: '签到与出勤', text: '现场扫码验票，实时查看出勤并导出名单' },
];

/** Organiser home (subpackage): the person's grants and what is coming. */
export default function OrganiserHome() {
  const { me } = useSession();
  const [error, setError] = useState('');

  const refresh = async () => {
    try {
      await loadMe();
      setError('');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useDidShow(() => {
    void refresh();
  });

  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  if (!me) {
    return (
      <View className='page organiser'>
        {error ? (
          <StateView title='加载失败' text={error} actionText='重新加载' onAction={() => void refresh()} />
        ) : (
          <StateView title='正在加载…' />
        )}
      </View>
    );
  }

  if (me.grants.length === 0) {
    return (
      <View className='page organiser'>
        <StateView
          id='organiser-no-grants'
          title='您还没有组织者权限'
          text='如需发布驿站或活动，请联系所在工会的管理员为您开通。'
          actionText='返回我的'
          onAction={() => void Taro.switchTab({ url: '/pages/me/index' })}
        />
      </View>
    );
  }

  return (
    <View className='page organiser'>
      <View className='card' id='organiser-grants'>
        <Text className='section-title'>我的组织</Text>
        {me.grants.map((g) => (
          <View className='org-grant' key={`${g.role}-${g.organisationId}`}>
            <Text className='org-name'>{g.organisationName}</Text>
            <Text className='org-role'>{ROLE_LABELS[g.role]}</Text>
          </View>
        ))}
        <Text className='muted org-scope'>您可以管理以上组织及其下级组织的驿站和活动。</Text>
      </View>

      <View className='card' id='organiser-coming'>
        <Text className='section-title'>功能即将开放</Text>
        {COMING.map((c) => (
          <View className='org-feature' key={c.title}>
            <Image className='org-feature-icon' src={c.icon} mode='scaleToFill' />
            <View className='org-feature-text'>
              <Text className='org-feature-title'>{c.title}</Text>
              <Text className='muted'>{c.text}</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
