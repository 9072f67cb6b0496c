import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { eventKindLabel, type Registration } from '@xlx/shared';
import StateView from '@/ui/StateView';
import Badge from '@/ui/Badge';
import { isPast, registrationsService } from '@/services/registrations';
import { useData } from '@/lib/useData';
import { PAGES, pageUrl } from '@/lib/pages';
import PageState, { RefreshNotice } from '@/ui/PageState';
import eventsIcon from '@/assets/tab/events.png';
import { eventTimeText } from '@/lib/format';
import { registrationStatusView } from '@/pages/events/format';
import './index.css';
import Icon from '@/ui/Icon';
import TextScale from '@/ui/TextScale';

export default function RegistrationsPage() {
  const remote = useData<Registration[]>(async () => (await registrationsService.listMine()).items);
  const items = remote.data;

  if (items === null) {
    return (
      <View className='page registrations'>
        <TextScale />
        <PageState id='registrations' error={remote.error} onRetry={() => void remote.reload()} title='报名记录没加载出来' />
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
              onClick={() => void Taro.navigateTo({ url: pageUrl(PAGES.ticket, { id: r.id }) })}
            >
              <View className='row-between reg-item-top'>
                <Text className='reg-item-kind'>{eventKindLabel(r.event)}</Text>
                <Badge look='pill' tone={s.tone} id={`registration-item-${r.id}-status`}>
                  {s.text}
                </Badge>
              </View>
              <Text className='card-title reg-item-title'>{r.event.title}</Text>
              <View className='card-line reg-item-line icon-line'>
                <Icon name='clock' label='时间' />
                <Text>{eventTimeText(r.event.startsAt, r.event.endsAt)}</Text>
              </View>
              {r.event.venue ? (
                <View className='card-line reg-item-line icon-line'>
                  <Icon name='pin' label='地点' />
                  <Text>{r.event.venue}</Text>
                </View>
              ) : null}
              {r.status === 'confirmed' && !isPast(r, now) && !r.checkedInAt && r.event.status !== 'cancelled' ? (
                <Text className='reg-item-cta'>点击出示电子票 ›</Text>
              ) : null}
            </View>
          );
        })}
      </View>
    ) : null;

  return (
    <View className='page registrations'>
      <TextScale />
      <RefreshNotice remote={remote} />
      {items.length === 0 ? (
        <View className='card' id='registrations-empty'>
          <StateView
            image={eventsIcon}
            title='还没有报名活动'
            text='工会的技能培训、健康体检、联谊活动都免费，去看看有没有适合您的'
            actionText='去看活动'
            onAction={() => void Taro.switchTab({ url: PAGES.events })}
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
