import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { eventKindLabel, type Registration } from '@xlx/shared';
import StateView from '@/components/StateView';
import StatusBadge from '@/components/StatusBadge';
import { isPast, registrationsService } from '@/services/registrations';
import { errorMessage } from '@/services/request';
import { ensureSignedIn } from '@/services/session';
import eventsIcon from '@/assets/tab/events.png';
import { eventTimeText, registrationStatusView } from '@/pages/events/format';
import './index.css';
import Icon from '@/components/Icon';
import TextScale from '@/components/TextScale';

export default function RegistrationsPage() {
  const [items, setItems] = useState<Registration[] | null>(null);
  const [error, setError] = useState('');

  const load = async () => {
    try {
      if (!(await ensureSignedIn())) return;
      const r = await registrationsService.listMine();
      setItems(r.items);
      setError('');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useDidShow(() => {
    void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (items === null) {
    return (
      <View className='page registrations'>
        <TextScale />
        {error ? (
          <StateView id='registrations-error' icon='warning' title='报名记录没加载出来' text={error} actionText='重新加载' onAction={() => void load()} />
        ) : (
          <StateView id='registrations-loading' title='正在加载…' />
        )}
      </View>
    );
  }

  const now = Date.now();
  const upcoming = items.filter((r) => !isPast(r, now));
  const past = items.filter((r) => isPast(r, now));

  const section = (title: string, list: Registration[], id: string) =>
    list.length ? (
      <View id={id} className='reg-section'>
        <Text className='reg-section-title'>{title}</Text>
        {list.map((r) => {
          const s = registrationStatusView(r);
          return (
            <View
              key={r.id}
              id={`registration-item-${r.id}`}
              className={`card reg-item ${r.status === 'cancelled' ? 'reg-item-cancelled' : ''}`}
              hoverClass='card-active'
              onClick={() => void Taro.navigateTo({ url: `/pages/ticket/index?id=${r.id}` })}
            >
              <View className='reg-item-top'>
                <Text className='reg-item-kind'>{eventKindLabel(r.event)}</Text>
                <StatusBadge tone={s.tone} text={s.text} id={`registration-item-${r.id}-status`} />
              </View>
              <Text className='reg-item-title'>{r.event.title}</Text>
              <View className='reg-item-line icon-line'><Icon name='clock' label='时间' /><Text>{eventTimeText(r.event.startsAt, r.event.endsAt)}</Text></View>
              {r.event.venue ? <View className='reg-item-line icon-line'><Icon name='pin' label='地点' /><Text>{r.event.venue}</Text></View> : null}
              {r.status === 'confirmed' && !isPast(r, now) && !r.checkedInAt && r.event.status !== 'cancelled' ? <Text className='reg-item-cta'>点击出示电子票 ›</Text> : null}
            </View>
          );
        })}
      </View>
    ) : null;

  return (
    <View className='page registrations'>
      <TextScale />
      {error ? (
        <View className='notice notice-error' onClick={() => void load()}>
          <Text>{error}（点此重试）</Text>
        </View>
      ) : null}
      {items.length === 0 ? (
        <View className='card' id='registrations-empty'>
          <StateView
            image={eventsIcon}
            title='还没有报名活动'
            text='工会的技能培训、健康体检、联谊活动都免费，去看看有没有适合您的'
            actionText='去看活动'
            onAction={() => void Taro.switchTab({ url: '/pages/events/index' })}
          />
        </View>
      ) : (
        <View id='registrations-list'>
          {section('即将参加', upcoming, 'registrations-upcoming')}
          {section('已结束', past, 'registrations-past')}
        </View>
      )}
    </View>
  );
}
