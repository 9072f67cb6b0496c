import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StationList } from '@xlx/shared';
import { organiserService } from '@/services/organiser';
import { OrgPageGate } from '@/ui/PageState';
import { useData } from '@/lib/useData';
import { ORG_PAGES } from '@/lib/org-pages';
import { amenityText, stationHours } from '@/lib/format-org';
import { withDesk } from '@/organiser/desk/DeskShell';
import { ListItem, ListPage, SearchBox, StateCard, StationBadge, chipOptions } from '@/organiser/components/Kit';
import '@/organiser/organiser.css';

type Filter = 'all' | 'active' | 'paused';
const FILTERS = chipOptions<Filter>({ all: '全部', active: '服务中', paused: '已暂停' });

/** No stations yet. */
const EMPTY = { icon: 'home', title: '还没有驿站', text: '新建一个驿站：填写地址、开放时间和服务项目，工友就能在小程序里找到它并扫码签到。' } as const;

/** My stations (my organisations' subtree), paused ones included. */
function StationsPage() {
  const list = useData<StationList>(() => organiserService.stations());
  const [filter, setFilter] = useState<Filter>('all');
  const [q, setQ] = useState('');

  const shown = useMemo(() => {
    const items = list.data?.items ?? [];
    const needle = q.trim();
    return items.filter(
      (s) =>
        (filter === 'all' || (filter === 'active' ? s.active : !s.active)) &&
        (!needle || s.name.includes(needle) || s.address.includes(needle) || s.organisationName.includes(needle)),
    );
  }, [list.data, filter, q]);

  const create = () => void Taro.navigateTo({ url: ORG_PAGES.stationEdit });

  if (!list.data) return <OrgPageGate id remote={list} what='驿站列表' />;

  const paused = list.data.items.filter((s) => !s.active).length;

  const head = <SearchBox id='stations-q' value={q} placeholder='搜索名称、地址或所属工会' onInput={setQ} />;

  return (
    <ListPage name='stations' head={head} newText='新建驿站' onNew={create} filters={FILTERS} filter={filter} onFilter={setFilter} remote={list} empty={EMPTY}>
      <Text className='org-count' id='stations-count'>
        共 {list.data.items.length} 个驿站{paused ? `，其中 ${paused} 个已暂停` : ''}
        {shown.length !== list.data.items.length ? `；当前显示 ${shown.length} 个` : ''}
      </Text>
      {shown.length === 0 ? (
        <StateCard
          icon='search'
          title='没有符合条件的驿站'
          text='换个关键词，或切换到“全部”看看。'
          actionText='清除筛选'
          onAction={() => {
            setQ('');
            setFilter('all');
          }}
        />
      ) : (
        <View className='org-list org-grid' id='stations-list'>
          {shown.map((s) => (
            <ListItem key={s.id} kind='station' itemId={s.id} className='org-station-item' title={s.name} badge={<StationBadge active={s.active} />}>
              <Text className='org-item-line'>{s.address}</Text>
              <Text className='org-item-line'>
                {stationHours(s)} · {s.organisationName}
              </Text>
              {s.amenities.length ? <Text className='org-item-amenities'>{amenityText(s.amenities)}</Text> : null}
            </ListItem>
          ))}
        </View>
      )}
    </ListPage>
  );
}

export default withDesk(StationsPage, 'stations');
