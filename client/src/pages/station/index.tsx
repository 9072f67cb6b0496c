import { useState } from 'react';
import { Button, ScrollView, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { distanceMetres, formatDistance, type Station } from '@xlx/shared';
import Chips from '@/ui/Chips';
import { amenityChips } from '@/lib/format';
import InfoLine from '@/ui/InfoLine';
import OpenBadge, { hoursText } from '@/ui/OpenBadge';
import { ApiError } from '@/services/request';
import { getHereOnce, openMap, stationsService } from '@/services/stations';
import { mediaUrl } from '@/services/uploads';
import { stationShareCard, timelineOf, type ShareCard } from '@/services/share';
import { scanAnywhere } from '@/pages/index/scan';
import PrivacySheet from '@/ui/PrivacySheet';
import ZoomPhoto from '@/ui/ZoomPhoto';
import { useData } from '@/lib/useData';
import { RemotePage } from '@/ui/RemotePage';
import './index.css';

export default function StationPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const [distance, setDistance] = useState<number | null>(null);
  // Public: no sign-in; loaded once when opened (and on pull-down).
  const remote = useData<Station>(
    async () => {
      if (!Number.isInteger(id) || id <= 0) throw new ApiError({ code: 'NOT_FOUND', status: 404, message: '链接不完整，请从驿站列表重新进入' });
      const s = await stationsService.get(id);
      void Taro.setNavigationBarTitle({ title: s.name }).catch(() => undefined);
      // The distance from the location asked for on the stations tab (or asked once now),
      // computed here so that the page never waits for a GPS fix.
      void getHereOnce().then((here) => {
        if (here) setDistance(distanceMetres(here, s));
      });
      return s;
    },
    { auth: false, onShow: false },
  );
  const station = remote.data;

  // WeChat share card: the station's name and 工会驿站, its first photo when it has one.
  const card = (): ShareCard => {
    const c = stationShareCard(station ?? { id, name: '职工' });
    return station?.photos[0] ? { ...c, imageUrl: mediaUrl(station.photos[0]) } : c;
  };
  useShareAppMessage(card);
  useShareTimeline(() => timelineOf(card()));

  useLoad(() => {
    void remote.reload();
  });

  return (
    <RemotePage name='station' remote={remote} failed='驿站信息没加载出来' refreshNotice={false}>
      {(s) => (
        <>
          <View className='card'>
            <Text id='station-name' className='station-title'>
              {s.name}
            </Text>
            <View className='station-status'>
              <OpenBadge station={s} id='station-open' />
              <Text className='station-hours' id='station-hours'>
                {hoursText(s)}
              </Text>
            </View>
            {!s.active ? <Text className='station-inactive'>该驿站暂停服务，请前往附近其他驿站</Text> : null}
            <InfoLine className='station-line' label='地址' id='station-address'>
              {s.address}
            </InfoLine>
            {distance !== null ? (
              <InfoLine className='station-line' label='距离' id='station-distance' valueClassName='station-distance'>
                约 {formatDistance(distance)}
              </InfoLine>
            ) : null}
            {s.areaSqm ? (
              <InfoLine className='station-line' label='面积'>
                约 {s.areaSqm} 平方米
              </InfoLine>
            ) : null}
            <InfoLine className='station-line' label='主办'>
              {s.organisationName}
            </InfoLine>
          </View>

          <Button id='station-navigate' className='btn btn-primary station-action' onClick={() => void openMap(s)}>
            导航到这里
          </Button>
          <Button id='station-scan' className='btn btn-secondary station-action' onClick={() => void scanAnywhere()}>
            扫码签到
          </Button>
          {s.signInPolicy.radiusMetres ? (
            <Text className='muted station-policy'>本驿站签到需在 {s.signInPolicy.radiusMetres} 米范围内，扫码时会请求您的位置</Text>
          ) : null}

          {s.photos.length ? (
            <ScrollView scrollX className='station-photos' id='station-photos'>
              {s.photos.map((url, i) => (
                <ZoomPhoto
                  key={url}
                  id={`station-photo-${i}`}
                  className='station-photo'
                  url={url}
                  mode='aspectFill'
                  label={`驿站照片${i + 1}`}
                  gallery={s.photos}
                />
              ))}
            </ScrollView>
          ) : null}
          <View className='card station-block'>
            <Text className='section-title'>这里可以</Text>
            <Chips look='tile' options={amenityChips(s.amenities)} empty='暂未登记服务设施' id='station-amenities' />
          </View>

          {s.description ? (
            <View className='card'>
              <Text className='section-title'>驿站介绍</Text>
              <Text className='station-description' id='station-description'>
                {s.description}
              </Text>
            </View>
          ) : null}
          <PrivacySheet />
        </>
      )}
    </RemotePage>
  );
}
