import { useEffect, useState } from 'react';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { occupationGreeting } from '@xlx/shared';
import { notificationsService } from '@/services/notifications';
import { flush, usePendingCount } from '@/services/offline-queue';
import { useData } from '@/lib/useData';
import { RefreshNotice } from '@/ui/PageState';
import { loadMe, useSession } from '@/services/session';
import scanIcon from '@/assets/icons/scan.png';
import stationIcon from '@/assets/tab/station-active.png';
import eventsIcon from '@/assets/tab/events-active.png';
import { SCENE_EVENT, handleLaunchQuery, handleScannedCode, scanAnywhere, takeManualEntryRequest, type LaunchQuery } from './scan';
import PrivacySheet from '@/ui/PrivacySheet';
import './index.css';
import Icon from '@/ui/Icon';
import Page, { PageLink } from '@/ui/Page';

const isWeapp = process.env.TARO_ENV === 'weapp';

function greetingWord(now = new Date()): string {
  const h = now.getHours();
  if (h < 5) return '夜深了';
  if (h < 11) return '早上好';
  if (h < 13) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

export default function HomePage() {
  const { me } = useSession();
  const [manualOpen, setManualOpen] = useState(false);
  const [manualCode, setManualCode] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const pending = usePendingCount();
  const [flushing, setFlushing] = useState(false);

  const sendPending = async () => {
    if (flushing) return;
    setFlushing(true);
    try {
      const r = await flush();
      if (r.pending > 0) await Taro.showToast({ title: '网络仍不通，联网后会自动补交', icon: 'none', duration: 2500 });
    } finally {
      setFlushing(false);
    }
  };

  // Opened from a scanned link (`q`) or a mini-program code (`scene`): cold start here, hot start
  // from the app's onShow. On H5 the link is taken off the address, so a reload does not repeat it.
  useLoad((query: LaunchQuery) => {
    if (!query?.q && !query?.scene) return;
    if (!isWeapp && typeof window !== 'undefined') window.history.replaceState(null, '', '/#/pages/index/index');
    void handleLaunchQuery(query);
  });
  useEffect(() => {
    const onScene = (query: LaunchQuery, scene?: number) => void handleLaunchQuery(query, scene);
    Taro.eventCenter.on(SCENE_EVENT, onScene);
    return () => {
      Taro.eventCenter.off(SCENE_EVENT, onScene);
    };
  }, []);

  // Signs in itself (silently on the mini-program); on show (quietly) and pull-down.
  const remote = useData(loadMe, { auth: false });

  useDidShow(() => {
    void flush();
    void notificationsService.refreshUnread();
    if (!isWeapp && takeManualEntryRequest()) setManualOpen(true);
  });

  const onScan = () => scanAnywhere(() => setManualOpen(true));

  const submitManual = async () => {
    if (submitting) return;
    setSubmitting(true);
    try {
      await handleScannedCode(manualCode);
      setManualCode('');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Page name='home'>
      {pending > 0 ? (
        <View id='offline-banner' className='offline-banner' hoverClass='offline-banner-active' onClick={() => void sendPending()}>
          <Text className='offline-banner-text'>有 {pending} 条签到待补交</Text>
          <Text className='offline-banner-action'>{flushing ? '正在补交…' : '联网后自动补交，点此立即重试'}</Text>
        </View>
      ) : null}
      <Button id='scan-button' className='scan-target scan-button' hoverClass='scan-target-active' onClick={onScan}>
        <View className='scan-inner'>
          <Image className='scan-icon' src={scanIcon} mode='scaleToFill' ariaLabel='扫码' />
          <Text className='scan-title'>扫码签到</Text>
          <Text className='scan-sub'>到驿站或活动现场，扫墙上或屏幕上的二维码</Text>
        </View>
      </Button>

      {isWeapp && !manualOpen ? (
        <View id='scan-type-code' className='scan-type-code' hoverClass='shortcut-active' onClick={() => setManualOpen(true)}>
          <Text>扫不了？输入海报上的签到码 ›</Text>
        </View>
      ) : null}

      {manualOpen ? (
        <View className='card manual' id='scan-manual'>
          <Text className='field-label'>输入签到码（海报二维码下方的数字，如 12-345678）</Text>
          <Input
            id='scan-code-input'
            className='field-input'
            value={manualCode}
            placeholder='粘贴或输入签到码'
            confirmType='done'
            onInput={(e) => setManualCode(e.detail.value)}
            onConfirm={submitManual}
          />
          <Button
            id='scan-code-submit'
            className={`btn btn-primary manual-submit ${submitting ? 'btn-busy' : ''}`}
            loading={submitting}
            disabled={submitting}
            onClick={submitManual}
          >
            提交签到码
          </Button>
        </View>
      ) : null}

      <View className='card greeting' id='greeting'>
        <Text className='greeting-title'>
          {greetingWord()}
          {me?.nickname ? `，${me.nickname}` : ''}
        </Text>
        {me && me.occupation ? <Text className='muted'>{occupationGreeting(me.occupation)}累了就到附近驿站歇一歇。</Text> : null}
        {me && !me.nickname ? (
          <View className='greeting-cta' id='complete-profile' onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
            <Text>完善个人资料，工会能为您提供更合适的服务 ›</Text>
          </View>
        ) : null}
        <RefreshNotice remote={remote} className='home-error' />
      </View>

      <View className='shortcuts'>
        <View id='go-stations' className='shortcut' hoverClass='shortcut-active' onClick={() => Taro.switchTab({ url: '/pages/stations/index' })}>
          <Image className='shortcut-icon' src={stationIcon} mode='scaleToFill' ariaLabel='驿站' />
          <Text className='shortcut-title'>找驿站</Text>
          <Text className='shortcut-text'>喝水、充电、歇脚</Text>
        </View>
        <View id='go-events' className='shortcut' hoverClass='shortcut-active' onClick={() => Taro.switchTab({ url: '/pages/events/index' })}>
          <Image className='shortcut-icon' src={eventsIcon} mode='scaleToFill' ariaLabel='活动' />
          <Text className='shortcut-title'>看活动</Text>
          <Text className='shortcut-text'>培训、体检、联谊</Text>
        </View>
      </View>

      <PageLink id='home-requests' className='home-requests' hoverClass='shortcut-active' url='/pages/requests/index'>
        <Icon name='chat' className='home-requests-icon' />
        <View className='home-requests-text'>
          <Text className='home-requests-title'>有诉求？告诉工会</Text>
          <Text className='shortcut-text'>工资、安全、驿站设施，3个工作日内答复</Text>
        </View>
        <Text className='list-row-arrow'>›</Text>
      </PageLink>
      <PrivacySheet />
    </Page>
  );
}
