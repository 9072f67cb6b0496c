import { useEffect, type ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { chinaDate, chinaHHmm, formatDistance, type Registration, type Station } from '@xlx/shared';
import Chips from '@/ui/Chips';
import { amenityChips } from '@/lib/format';
import OpenBadge, { hoursText } from '@/ui/OpenBadge';
import StateView from '@/ui/StateView';
import { recalledCheckin } from '@/services/checkins';
import { pendingCount } from '@/services/offline-queue';
import { registrationsService } from '@/services/registrations';
import { MANUAL, useData, type Remote } from '@/lib/useData';
import { stationsService } from '@/services/stations';
import { OFFLINE_SAVED_MESSAGE, resultTitle, scanAnywhere } from '@/pages/index/scan';
import './index.css';
import Icon, { type IconName } from '@/ui/Icon';
import Page from '@/ui/Page';

const isWeapp = process.env.TARO_ENV === 'weapp';

function decode(v: string | undefined): string {
  if (!v) return '';
  try {
    return v.includes('%') ? decodeURIComponent(v) : v;
  } catch {
    return v;
  }
}

function num(v: string | undefined): number | null {
  const n = Number(decode(v));
  return v && Number.isFinite(n) ? n : null;
}

/** The big result on top: an icon in the result's colour, the title, what it means. */
function Hero({ tone, icon, iconLabel, title, children }: { tone: string; icon: IconName; iconLabel: string; title: string; children: ReactNode }) {
  return (
    <View className={`card result-hero ${tone}`}>
      <Icon name={icon} className='circle status-circle result-icon' label={iconLabel} />
      <Text id='checkin-result-title' className='result-title'>
        {title}
      </Text>
      {children}
    </View>
  );
}

/** The station or event under a check-in while it loads, or why it did not (the check-in itself stands). */
function DetailState({ remote, what }: { remote: Pick<Remote<unknown>, 'error' | 'reload'>; what: string }) {
  return remote.error ? (
    <StateView
      icon='warning'
      title={`${what}没加载出来`}
      text={`${remote.error.message}。签到已经成功，不影响记录。`}
      actionText='重新加载'
      onAction={() => void remote.reload()}
    />
  ) : (
    <StateView title={`正在加载${what}…`} />
  );
}

const goHome = () => void Taro.switchTab({ url: '/pages/index/index' });
const open = (url: string) => () => void Taro.navigateTo({ url });
const homeButton = (
  <Button className='btn btn-secondary' onClick={goHome}>
    返回首页
  </Button>
);

export default function CheckinResultPage() {
  const { params } = useRouter();
  const kind = decode(params.kind) === 'event' ? 'event' : 'station';
  const status = decode(params.status) || 'error';
  const at = decode(params.at);
  const stationId = num(params.stationId);
  const checkinId = num(params.id);
  const registrationId = num(params.registrationId);
  const eventId = num(params.eventId);

  const ok = status === 'ok' || status === 'already';
  // What was checked into, under the result; the station came with the check-in answer (no
  // second request on the fast path).
  const remembered = checkinId !== null ? recalledCheckin(checkinId) : null;
  const remote = useData<{ station?: Station; registration?: Registration }>(
    async () => {
      if (kind === 'station' && stationId !== null && !remembered?.station) return { station: await stationsService.get(stationId) };
      if (kind === 'event' && registrationId !== null) return { registration: await registrationsService.getMine(registrationId) };
      return {};
    },
    { ...MANUAL, auth: false },
  );
  const station = remote.data?.station ?? remembered?.station ?? null;
  const registration = remote.data?.registration ?? null;

  useEffect(() => {
    if (ok) void remote.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const scanAgain = () => void scanAnywhere();

  if (status === 'queued') {
    return (
      <Page name='result'>
        <Hero tone='result-queued' icon='hourglass' iconLabel='已保存，待发送' title='已保存签到'>
          <Text id='checkin-result-message' className='result-message'>
            {OFFLINE_SAVED_MESSAGE}
          </Text>
          <Text className='muted result-sub'>当前有 {Math.max(1, pendingCount())} 条签到待补交，联网后打开小程序即可自动补交</Text>
        </Hero>
        <Button className='btn btn-primary result-action' onClick={goHome}>
          返回首页
        </Button>
      </Page>
    );
  }

  if (!ok) {
    const code = decode(params.code);
    const message = decode(params.message) || '签到没有成功，请再扫一次';
    const distance = num(params.distance);
    const radius = num(params.radius);
    const denied = decode(params.denied) === '1';
    const isEvent = kind === 'event';
    return (
      <Page name='result'>
        <Hero
          tone='result-error'
          icon='x'
          iconLabel='签到失败'
          title={code === 'QR_EXPIRED' ? '签到码已过期' : code === 'TOO_FAR' ? '离驿站太远' : '签到未成功'}
        >
          {code === 'TOO_FAR' && distance !== null ? (
            <Text id='checkin-result-distance' className='result-distance'>
              您距离驿站约 {formatDistance(distance)}
              {radius !== null ? `，需在 ${radius} 米内` : ''}
            </Text>
          ) : null}
          <Text id='checkin-result-message' className='result-message'>
            {code === 'TOO_FAR' && distance !== null ? '请到驿站现场后再扫码签到。不认识路？点下方「查看驿站位置」导航过去。' : message}
          </Text>
        </Hero>
        <Button id='checkin-scan-again' className='btn btn-primary result-action' onClick={scanAgain}>
          {isWeapp ? '再扫一次' : '重新输入签到码'}
        </Button>
        {isWeapp && denied ? (
          <Button className='btn btn-secondary' onClick={() => void Taro.openSetting()}>
            打开设置，允许使用位置
          </Button>
        ) : null}
        {!isEvent && stationId !== null && (code === 'TOO_FAR' || code === 'LOCATION_REQUIRED' || code === 'STATION_INACTIVE') ? (
          <Button className='btn btn-secondary' onClick={open(`/pages/station/index?id=${stationId}`)}>
            {code === 'STATION_INACTIVE' ? '查看驿站信息' : '查看驿站位置'}
          </Button>
        ) : null}
        {isEvent && eventId !== null && code !== 'QR_INVALID' ? (
          <Button className='btn btn-secondary' onClick={open(`/pages/event/index?id=${eventId}`)}>
            查看活动
          </Button>
        ) : null}
        {homeButton}
      </Page>
    );
  }

  const title = resultTitle(status, at);
  const heroClass = status === 'already' ? 'result-already' : 'result-ok';
  const when = at ? `${chinaDate(at)} ${chinaHHmm(at)}` : '';

  return (
    <Page name='result'>
      <Hero tone={heroClass} icon='tick' iconLabel='签到成功' title={title}>
        {status === 'already' ? <Text className='result-message'>同一驿站 30 分钟内只记一次，无需重复签到</Text> : null}
        {when && status === 'ok' ? <Text className='muted result-sub'>签到时间 {when}</Text> : null}
      </Hero>

      {kind === 'station' ? (
        <View className='card result-station'>
          {station ? (
            <View>
              <Text id='checkin-result-station' className='result-station-name'>
                {station.name}
              </Text>
              <View className='result-hours'>
                <OpenBadge station={station} />
                <Text className='result-hours-text'>{hoursText(station)}</Text>
              </View>
              <Text className='muted result-address'>{station.address}</Text>
              <Text className='muted result-section-label'>这里可以</Text>
              <Chips look='tag' options={amenityChips(station.amenities)} empty='暂未登记服务设施' id='checkin-result-amenities' />
            </View>
          ) : (
            <DetailState remote={remote} what='驿站信息' />
          )}
        </View>
      ) : (
        <View className='card result-station'>
          {registration ? (
            <View>
              <Text id='checkin-result-event' className='result-station-name'>
                {registration.event.title}
              </Text>
              <Text className='muted result-address'>{registration.event.venue}</Text>
            </View>
          ) : (
            <DetailState remote={remote} what='活动信息' />
          )}
        </View>
      )}

      {kind === 'station' && (station || stationId !== null) ? (
        <Button
          id='checkin-result-station-link'
          className='btn btn-primary result-action'
          onClick={open(`/pages/station/index?id=${station?.id ?? stationId}`)}
        >
          查看驿站详情
        </Button>
      ) : null}
      {kind === 'station' ? (
        <Button id='checkin-result-visits' className='btn btn-secondary' onClick={open('/pages/visits/index')}>
          我的签到记录
        </Button>
      ) : null}
      {kind === 'event' && registrationId !== null ? (
        <Button className='btn btn-primary result-action' onClick={open(`/pages/ticket/index?id=${registrationId}`)}>
          查看我的电子票
        </Button>
      ) : null}
      {homeButton}
    </Page>
  );
}
