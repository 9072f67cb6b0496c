import { useEffect, useState } from 'react';
import { Map as MapView, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { AMENITY_ICONS, AMENITY_LABELS, formatDistance, type Amenity, type Station } from '@xlx/shared';
import Chips from '@/ui/Chips';
import { amenityChips } from '@/lib/format';
import OpenBadge, { hoursText } from '@/ui/OpenBadge';
import { getHereOnce, stationsService, type Here } from '@/services/stations';
import stationIcon from '@/assets/tab/station.png';
import PrivacySheet from '@/ui/PrivacySheet';
import './index.css';
import Icon from '@/ui/Icon';
import SearchField from '@/ui/SearchField';
import Page from '@/ui/Page';
import ListState, { type ListWords } from '@/ui/ListState';
import { useLatest } from '@/lib/useLatest';
import { color } from '@/styles/tokens';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** The filters riders ask for most. */
const QUICK_FILTERS: Amenity[] = ['water', 'charging', 'microwave', 'toilet', 'battery_swap', 'air_conditioning'];
const SEARCH_DEBOUNCE_MS = 400;
/** Shangyu: where the demo stations are, when there is no location to centre the map on. */
const DEFAULT_CENTRE = { latitude: 30.0326, longitude: 120.8689 };
const WORDS: ListWords = { failed: '驿站没加载出来', image: stationIcon, what: '驿站', none: '附近还没有驿站', clearText: '清除筛选' };

interface Filters {
  open24h: boolean;
  openNow: boolean;
  amenities: Amenity[];
  q: string;
}

export default function StationsPage() {
  const [here, setHere] = useState<Here | null>(null);
  const [locating, setLocating] = useState(true);
  const [filters, setFilters] = useState<Filters>({ open24h: false, openNow: false, amenities: [], q: '' });
  const [search, setSearch] = useState('');
  const list = useLatest<Station[]>();
  const { data: items, run } = list;
  const [showMap, setShowMap] = useState(false);

  const load = (f: Filters = filters, at: Here | null = here) => run(async () => (await stationsService.list({ here: at, ...f })).items);

  const locate = async (retry: boolean) => {
    setLocating(true);
    const h = await getHereOnce(retry);
    setHere(h);
    setLocating(false);
    await load(filters, h);
  };

  useEffect(() => {
    void locate(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Search as the worker types, once they pause.
  useEffect(() => {
    if (search.trim() === filters.q) return;
    const t = setTimeout(() => {
      const next = { ...filters, q: search.trim() };
      setFilters(next);
      void load(next);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const apply = (next: Filters) => {
    setFilters(next);
    void load(next);
  };

  const toggleAmenity = (a: Amenity) => {
    const has = filters.amenities.includes(a);
    apply({ ...filters, amenities: has ? filters.amenities.filter((x) => x !== a) : [...filters.amenities, a] });
  };

  const filtered = filters.open24h || filters.openNow || filters.amenities.length > 0 || filters.q !== '';
  const clearFilters = () => {
    setSearch('');
    apply({ open24h: false, openNow: false, amenities: [], q: '' });
  };

  const openStation = (id: number) => void Taro.navigateTo({ url: `/pages/station/index?id=${id}` });

  const chip = (key: string, label: string, active: boolean, onTap: () => void) => (
    <View key={key} id={`station-filter-${key}`} className={`chip ${active ? 'chip-active' : ''}`} hoverClass='chip-hover' onClick={onTap}>
      <Text>{label}</Text>
    </View>
  );

  return (
    <Page name='stations'>
      <View className='search-bar' id='stations-search'>
        <Icon name='search' className='search-icon' />
        <SearchField
          id='stations-search-input'
          className='search-input'
          value={search}
          placeholder='搜索驿站名称或地址'
          maxlength={30}
          onInput={setSearch}
          onSearch={() => {
            const next = { ...filters, q: search.trim() };
            setFilters(next);
            void load(next);
          }}
        />
        {search ? (
          <View className='search-clear' ariaRole='button' ariaLabel='清除搜索' onClick={() => setSearch('')}>
            <Icon name='close' />
          </View>
        ) : null}
      </View>

      <View className='chips' id='stations-filters'>
        {chip('open24h', '24小时', filters.open24h, () => apply({ ...filters, open24h: !filters.open24h }))}
        {chip('openNow', '营业中', filters.openNow, () => apply({ ...filters, openNow: !filters.openNow }))}
        {QUICK_FILTERS.map((a) => chip(a, `${AMENITY_ICONS[a]} ${AMENITY_LABELS[a]}`, filters.amenities.includes(a), () => toggleAmenity(a)))}
      </View>

      {!locating && !here ? (
        <View className='notice' id='stations-location-notice' onClick={() => void locate(true)}>
          <Text>没有获取到您的位置，驿站未按远近排序。打开定位后点此重试</Text>
        </View>
      ) : null}

      {isWeapp && items && items.length > 0 ? (
        <View className='map-toggle'>
          <View className={`segment-item ${!showMap ? 'map-toggle-active' : ''}`} onClick={() => setShowMap(false)}>
            <Text>列表</Text>
          </View>
          <View id='stations-map-toggle' className={`segment-item ${showMap ? 'map-toggle-active' : ''}`} onClick={() => setShowMap(true)}>
            <Text>地图</Text>
          </View>
        </View>
      ) : null}

      {isWeapp && showMap && items && items.length > 0 ? (
        <MapView
          id='stations-map'
          className='stations-map'
          latitude={here?.latitude ?? items[0]?.latitude ?? DEFAULT_CENTRE.latitude}
          longitude={here?.longitude ?? items[0]?.longitude ?? DEFAULT_CENTRE.longitude}
          scale={13}
          showLocation={!!here}
          markers={items.map((s) => ({
            id: s.id,
            latitude: s.latitude,
            longitude: s.longitude,
            title: s.name,
            iconPath: '/assets/tab/station-active.png',
            width: 36,
            height: 36,
            callout: {
              content: s.name,
              color: color.text,
              fontSize: 14,
              borderRadius: 6,
              padding: 6,
              display: 'BYCLICK',
              bgColor: color.surface,
              textAlign: 'center',
              anchorX: 0,
              anchorY: 0,
              borderWidth: 0,
              borderColor: color.surface,
            },
          }))}
          onMarkerTap={(e) => openStation(Number(e.detail.markerId))}
          onCalloutTap={(e) => openStation(Number(e.detail.markerId))}
          onError={() => setShowMap(false)}
        />
      ) : null}

      <ListState
        id='stations'
        list={list}
        words={WORDS}
        filtered={filtered}
        emptyText={filtered ? '换个关键词，或少选几个条件试试' : '工会正在陆续建设驿站，稍后再来看看'}
        onRetry={() => void load()}
        onClear={clearFilters}
      >
        {(!isWeapp || !showMap) &&
          items?.map((s) => (
            <View key={s.id} id={`station-item-${s.id}`} className='card station-item' hoverClass='card-active' onClick={() => openStation(s.id)}>
              <View className='station-item-head'>
                <Text className='station-item-name'>{s.name}</Text>
                {s.distanceMetres !== null ? <Text className='station-item-distance'>{formatDistance(s.distanceMetres)}</Text> : null}
              </View>
              <View className='station-item-meta'>
                <OpenBadge station={s} />
                {!s.open24h ? <Text className='station-item-hours'>{hoursText(s)}</Text> : null}
              </View>
              <Text className='muted station-item-address'>{s.address}</Text>
              <Chips look='icon' options={amenityChips(s.amenities)} empty='暂未登记服务设施' />
            </View>
          ))}
      </ListState>
      <PrivacySheet />
    </Page>
  );
}
