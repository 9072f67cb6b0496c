import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Event, EventList } from '@xlx/shared';
import { organiserService } from '@/services/organiser';
import { OrgPageGate } from '@/ui/PageState';
import { useData } from '@/lib/useData';
import { EventStatusBadge, kindAndOrg } from '@/organiser/components/EventBits';
import { ORG_PAGES } from '@/lib/org-pages';
import { fmtRange } from '@/lib/format-org';
import { withDesk } from '@/organiser/desk/DeskShell';
import { HeadText, ListItem, ListPage, StateCard, chipOptions } from '@/organiser/components/Kit';
import '@/organiser/organiser.css';

type Filter = 'all' | 'draft' | 'upcoming' | 'ended' | 'cancelled';
const FILTERS = chipOptions<Filter>({ all: '全部', draft: '草稿', upcoming: '已发布·未结束', ended: '已结束', cancelled: '已取消' });

/** No events yet. */
const EMPTY = { icon: 'calendar', title: '还没有活动', text: '新建一场培训、体检或讲座：先保存为草稿，检查无误后发布，工友就能报名。' } as const;

const ended = (e: Event) => Date.parse(e.endsAt) <= Date.now();

function matches(e: Event, f: Filter): boolean {
  switch (f) {
    case 'draft':
      return e.status === 'draft';
    case 'upcoming':
      return e.status === 'published' && !ended(e);
    case 'ended':
      return e.status === 'published' && ended(e);
    case 'cancelled':
      return e.status === 'cancelled';
    default:
      return true;
  }
}

/** Coming events first (soonest first), then past ones (latest first). */
function order(items: Event[]): Event[] {
  const coming = items.filter((e) => !ended(e)).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const past = items.filter(ended).sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  return [...coming, ...past];
}

/** My organisations' events, drafts and cancelled ones included. */
function EventsPage() {
  const list = useData<EventList>(() => organiserService.events());
  const [filter, setFilter] = useState<Filter>('all');

  const shown = useMemo(() => order((list.data?.items ?? []).filter((e) => matches(e, filter))), [list.data, filter]);
  const create = () => void Taro.navigateTo({ url: ORG_PAGES.eventEdit });

  if (!list.data) return <OrgPageGate id remote={list} what='活动列表' />;

  const head = <HeadText title='活动管理' sub={`共 ${list.data.items.length} 场活动`} />;

  return (
    <ListPage name='events' head={head} newText='新建活动' onNew={create} filters={FILTERS} filter={filter} onFilter={setFilter} remote={list} empty={EMPTY}>
      {shown.length === 0 ? (
        <StateCard icon='search' title='没有这类活动' text='切换到“全部”看看。' actionText='查看全部' onAction={() => setFilter('all')} />
      ) : (
        <View className='org-list org-grid' id='events-list'>
          {shown.map((e) => {
            const confirmed = e.capacity - e.seatsLeft;
            return (
              <ListItem key={e.id} kind='event' itemId={e.id} className='org-event-item' title={e.title} badge={<EventStatusBadge event={e} />}>
                <Text className='org-item-line'>{kindAndOrg(e)}</Text>
                <Text className='org-item-line'>{fmtRange(e.startsAt, e.endsAt)}</Text>
                <Text className='org-item-line'>
                  已报名 {confirmed}/{e.capacity}
                  {e.waitlistCount ? ` · 候补 ${e.waitlistCount}` : ''}
                  {e.seatsLeft === 0 && e.status === 'published' ? ' · 已满' : ''}
                </Text>
              </ListItem>
            );
          })}
        </View>
      )}
    </ListPage>
  );
}

export default withDesk(EventsPage, 'events');
