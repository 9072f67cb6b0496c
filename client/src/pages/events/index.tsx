import { useState, type ReactNode } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { EVENT_KINDS, EVENT_KIND_LABELS, eventKindLabel, formatDistance, type Event, type EventKind, type Organisation } from '@xlx/shared';
import Badge from '@/ui/Badge';
import { eventsService } from '@/services/events';
import { getHereOnce } from '@/services/stations';
import { ensureSignedIn } from '@/services/session';
import { getToken } from '@/services/token';
import eventsIcon from '@/assets/tab/events.png';
import EventLines from './EventLines';
import { myEventBadge, registrationWindow, seatsText } from './format';
import './index.css';
import Page, { PageLink } from '@/ui/Page';
import ListState, { type ListWords } from '@/ui/ListState';
import { useLatest } from '@/lib/useLatest';

interface Filters {
  kind: EventKind | null;
  eligibleOnly: boolean;
  /** Nearest first, from where the phone is. */
  near: boolean;
  /** A city's or district's union: its events and those under it; null for the whole province. */
  areaId: number | null;
  areaName: string;
}

const FILTERS_KEY = 'xlx.events.filters';
const DEFAULT_FILTERS: Filters = { kind: null, eligibleOnly: false, near: false, areaId: null, areaName: '' };
const WORDS: ListWords = { failed: '活动没加载出来', image: eventsIcon, what: '活动', none: '近期还没有活动', clearText: '看全部活动' };

/** The choice made last time, so that a rider finds their area and order again. */
function rememberedFilters(): Filters {
  try {
    const s = Taro.getStorageSync(FILTERS_KEY) as Partial<Filters> | '';
    return s && typeof s === 'object'
      ? {
          ...DEFAULT_FILTERS,
          near: s.near === true,
          areaId: typeof s.areaId === 'number' ? s.areaId : null,
          areaName: typeof s.areaName === 'string' ? s.areaName : '',
        }
      : DEFAULT_FILTERS;
  } catch {
    return DEFAULT_FILTERS;
  }
}

export default function EventsPage() {
  const [filters, setFilters] = useState<Filters>(rememberedFilters);
  const [areas, setAreas] = useState<Organisation[]>([]);
  const [locationNote, setLocationNote] = useState('');
  const list = useLatest<Event[]>();
  const { data: items, run } = list;

  const load = (f: Filters = filters) =>
    run(async () => {
      const here = f.near ? await getHereOnce() : null;
      if (f.near && !here) setLocationNote('没能获取您的位置，先按时间排列。点此重试');
      else setLocationNote('');
      const r = await eventsService.list({ kind: f.kind, eligibleOnly: f.eligibleOnly && !!getToken(), organisationId: f.areaId, here });
      return r.items;
    });

  // On every show: my registration badges change on the detail page.
  useDidShow(() => {
    void load();
    if (areas.length === 0) eventsService.areas().then(setAreas, () => undefined);
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const apply = (next: Filters) => {
    setFilters(next);
    try {
      Taro.setStorageSync(FILTERS_KEY, { near: next.near, areaId: next.areaId, areaName: next.areaName });
    } catch {
      // Only the remembered choice is lost.
    }
    void load(next);
  };

  const toggleNear = async () => {
    const next = { ...filters, near: !filters.near };
    // Asking again after a refusal: the phone may allow it now.
    if (next.near) await getHereOnce(true);
    apply(next);
  };

  const areaNames = ['全省', ...areas.map((a) => a.name)];
  const areaIndex = Math.max(0, areas.findIndex((a) => a.id === filters.areaId) + 1);

  const toggleEligible = async () => {
    const next = { ...filters, eligibleOnly: !filters.eligibleOnly };
    // Eligibility is mine: it needs a sign-in (H5 goes to the sign-in page).
    if (next.eligibleOnly && !getToken() && !(await ensureSignedIn())) return;
    apply(next);
  };

  const filtered = filters.kind !== null || filters.eligibleOnly || filters.areaId !== null;
  const clearFilters = () => apply({ ...filters, kind: null, eligibleOnly: false, areaId: null, areaName: '' });
  const emptyText = filters.eligibleOnly
    ? '暂时没有您能报名的活动。完善“我的”页面的资料，或看看全部活动'
    : filtered
      ? '换个类别看看'
      : '工会会陆续发布技能培训、健康体检和联谊活动，过几天再来看看';

  return (
    <Page name='events'>
      <View className='chips events-kinds' id='events-kinds'>
        <View
          id='events-kind-all'
          className={`chip ${filters.kind === null ? 'chip-active' : ''}`}
          hoverClass='chip-hover'
          onClick={() => apply({ ...filters, kind: null })}
        >
          <Text>全部</Text>
        </View>
        {EVENT_KINDS.map((k) => (
          <View
            key={k}
            id={`events-kind-${k}`}
            className={`chip ${filters.kind === k ? 'chip-active' : ''}`}
            hoverClass='chip-hover'
            onClick={() => apply({ ...filters, kind: k })}
          >
            <Text>{EVENT_KIND_LABELS[k]}</Text>
          </View>
        ))}
      </View>

      <FilterRow id='events-eligible-only' title='只看我能报名的' hint='按您的资料（性别、年龄、职业）筛选' onClick={() => void toggleEligible()}>
        <Switch on={filters.eligibleOnly} />
      </FilterRow>

      <FilterRow id='events-near' title='离我最近' hint='按您现在的位置由近到远排列' switchLabel='离我最近' onClick={() => void toggleNear()}>
        <Switch on={filters.near} />
      </FilterRow>

      <Picker
        mode='selector'
        range={areaNames}
        value={areaIndex}
        onChange={(ev) => {
          const a = areas[Number(ev.detail.value) - 1];
          apply({ ...filters, areaId: a ? a.id : null, areaName: a ? a.name : '' });
        }}
      >
        <FilterRow id='events-area' title={`地区：${filters.areaId ? filters.areaName || '已选地区' : '全省'}`} hint='只看某个市或区县工会（含下属工会）的活动'>
          <Text className='muted'>更换 ›</Text>
        </FilterRow>
      </Picker>

      {locationNote ? (
        <View className='notice' id='events-location-note' onClick={() => void getHereOnce(true).then(() => load())}>
          <Text>{locationNote}</Text>
        </View>
      ) : null}

      <ListState id='events' list={list} words={WORDS} filtered={filtered} emptyText={emptyText} onRetry={() => void load()} onClear={clearFilters}>
        {items?.map((e) => (
          <EventCard key={e.id} event={e} />
        ))}
      </ListState>
    </Page>
  );
}

/** A filter as a row: what it does, and on the right its switch or current choice. */
function FilterRow(props: { id: string; title: string; hint: string; switchLabel?: string; onClick?: () => void; children: ReactNode }) {
  return (
    <View
      id={props.id}
      className='card row-between toggle-row'
      hoverClass='card-active'
      ariaRole={props.switchLabel ? 'switch' : undefined}
      ariaLabel={props.switchLabel}
      onClick={props.onClick}
    >
      <View className='toggle-text'>
        <Text className='toggle-title'>{props.title}</Text>
        <Text className='toggle-hint'>{props.hint}</Text>
      </View>
      {props.children}
    </View>
  );
}

function Switch({ on }: { on: boolean }) {
  return (
    <View className={`toggle ${on ? 'toggle-on' : ''}`}>
      <View className='toggle-knob' />
    </View>
  );
}

function EventCard({ event: e }: { event: Event }) {
  const badge = myEventBadge(e);
  const regWindow = registrationWindow(e);
  const full = e.seatsLeft <= 0;
  return (
    <PageLink id={`event-item-${e.id}`} className='card event-card' url={`/pages/event/index?id=${e.id}`}>
      <View className='event-card-top'>
        <Badge look='pill' tone='red'>
          {eventKindLabel(e)}
        </Badge>
        {badge ? (
          <Badge look='pill' tone={badge.tone} id={`event-item-${e.id}-status`}>
            {badge.text}
          </Badge>
        ) : null}
      </View>
      <Text className='card-title'>{e.title}</Text>
      <EventLines
        event={e}
        venue={e.venue || '地点待定'}
        venueExtra={typeof e.distanceMetres === 'number' ? <Text>{` · 距您${formatDistance(e.distanceMetres)}`}</Text> : null}
      />
      <View className='row-between event-card-bottom'>
        <Text className={`event-card-seats ${full ? 'event-card-full' : ''}`}>{seatsText(e)}</Text>
        {regWindow === 'not_open' ? (
          <Text className='event-card-window'>报名未开始</Text>
        ) : regWindow === 'closed' ? (
          <Text className='event-card-window'>报名已截止</Text>
        ) : null}
      </View>
    </PageLink>
  );
}
