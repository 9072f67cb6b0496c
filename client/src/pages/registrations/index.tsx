import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { eventKindLabel, type Registration } from '@xlx/shared';
import StateView from '@/ui/StateView';
import Badge from '@/ui/Badge';
import { isPast, registrationsService } from '@/services/registrations';
import { useData } from '@/lib/useData';
import { PAGES, pageUrl } from '@/lib/pages';
import { ListOrEmpty, RemotePage } from '@/ui/RemotePage';
import { PageLink } from '@/ui/Page';
import eventsIcon from '@/assets/tab/events.png';
import EventLines from '@/pages/events/EventLines';
import { registrationStatusView } from '@/pages/events/format';
import './index.css';

export default function RegistrationsPage() {
  const remote = useData<Registration[]>(async () => (await registrationsService.listMine()).items);
  const section = (title: string, list: Registration[], id: string, now: number) =>
    list.length ? (
      <View id={id} className='reg-section'>
        <Text className='reg-section-title'>{title}</Text>
        {list.map((r) => {
          const s = registrationStatusView(r);
          return (
            <PageLink
              key={r.id}
              id={`registration-item-${r.id}`}
              className={`card reg-item ${r.status === 'cancelled' ? 'reg-item-cancelled' : ''}`}
              url={pageUrl(PAGES.ticket, { id: r.id })}
            >
              <View className='row-between card-top'>
                <Text className='card-kind'>{eventKindLabel(r.event)}</Text>
                <Badge look='pill' tone={s.tone} id={`registration-item-${r.id}-status`}>
                  {s.text}
                </Badge>
              </View>
              <Text className='card-title reg-item-title'>{r.event.title}</Text>
              <EventLines event={r.event} venue={r.event.venue || null} />
              {r.status === 'confirmed' && !isPast(r, now) && !r.checkedInAt && r.event.status !== 'cancelled' ? (
                <Text className='card-cta'>点击出示电子票 ›</Text>
              ) : null}
            </PageLink>
          );
        })}
      </View>
    ) : null;

  return (
    <RemotePage name='registrations' remote={remote} failed='报名记录没加载出来'>
      {(items) => {
        const now = Date.now();
        return (
          <ListOrEmpty
            id='registrations'
            count={items.length}
            empty={
              <StateView
                image={eventsIcon}
                title='还没有报名活动'
                text='工会的技能培训、健康体检、联谊活动都免费，去看看有没有适合您的'
                actionText='去看活动'
                onAction={() => void Taro.switchTab({ url: PAGES.events })}
              />
            }
          >
            {section(
              '即将参加',
              items.filter((r) => !isPast(r, now)),
              'registrations-upcoming',
              now,
            )}
            {section(
              '已结束',
              items.filter((r) => isPast(r, now)),
              'registrations-past',
              now,
            )}
          </ListOrEmpty>
        );
      }}
    </RemotePage>
  );
}
