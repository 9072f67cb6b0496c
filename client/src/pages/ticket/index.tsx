import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { chinaHHmm, type Registration } from '@xlx/shared';
import QrImage from '@/ui/QrImage';
import StateView from '@/ui/StateView';
import Badge from '@/ui/Badge';
import { isPast, registrationsService } from '@/services/registrations';
import { ApiError } from '@/services/request';
import { useSession } from '@/services/session';
import { useData } from '@/lib/useData';
import PageState from '@/ui/PageState';
import EventLines from '@/pages/events/EventLines';
import { registrationStatusView } from '@/pages/events/format';
import './index.css';
import Icon from '@/ui/Icon';
import Page from '@/ui/Page';

const isWeapp = process.env.TARO_ENV === 'weapp';
/** How often the ticket asks whether the door scan has happened. */
const POLL_MS = 5000;

/** Full brightness while a code is on screen, so the door scanner reads it in sunlight. */
const brightness = {
  saved: null as number | null,
  async raise(): Promise<void> {
    if (!isWeapp) return;
    try {
      if (brightness.saved === null) brightness.saved = (await Taro.getScreenBrightness()).value;
      await Taro.setScreenBrightness({ value: 1 });
      await Taro.setKeepScreenOn({ keepScreenOn: true });
    } catch {
      // Not allowed or not supported: the code still works at normal brightness.
    }
  },
  async restore(): Promise<void> {
    if (!isWeapp || brightness.saved === null) return;
    const value = brightness.saved;
    brightness.saved = null;
    try {
      await Taro.setScreenBrightness({ value });
      await Taro.setKeepScreenOn({ keepScreenOn: false });
    } catch {
      // Ignore: the system restores brightness when the app goes to the background.
    }
  },
};

const showsCode = (r: Registration | null) => !!r && r.status === 'confirmed' && !!r.ticket && r.event.status !== 'cancelled';

export default function TicketPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const { me } = useSession();
  const remote = useData<Registration>(async () => {
    if (!Number.isInteger(id) || id <= 0) throw new ApiError({ code: 'NOT_FOUND', status: 404, message: '链接不完整，请从“我的报名”重新进入' });
    return registrationsService.getMine(id);
  });
  const reg = remote.data;
  const [shown, setShown] = useState(false);
  useDidShow(() => setShown(true));
  useDidHide(() => setShown(false));

  // While the code is on screen: full brightness; until the door scan, ask every few seconds
  // (the scan flips the status).
  const live = shown && showsCode(reg);
  const waiting = live && !reg!.checkedInAt;
  useEffect(() => {
    if (!live) return;
    void brightness.raise();
    return () => void brightness.restore();
  }, [live]);
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void remote.reload(true), POLL_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [waiting]);

  if (!reg) {
    return (
      <Page name='ticket'>
        {remote.error ? (
          <PageState id='ticket' error={remote.error} onRetry={() => void remote.reload()} title='电子票没加载出来' />
        ) : (
          <StateView id='ticket-loading' title='正在加载电子票…' />
        )}
      </Page>
    );
  }

  const r = reg;
  const status = registrationStatusView(r);
  const goEvent = () => void Taro.navigateTo({ url: `/pages/event/index?id=${r.eventId}` });
  const eventInfo = (
    <View className='ticket-event'>
      <Text id='ticket-event-title' className='card-title'>
        {r.event.title}
      </Text>
      <EventLines event={r.event} venue={r.event.venue || '地点见活动详情'} />
      {me?.nickname ? (
        <View className='card-line icon-line'>
          <Icon name='user' />
          <Text>报名人：{me.nickname}</Text>
        </View>
      ) : null}
    </View>
  );

  if (showsCode(r)) {
    const checkedIn = !!r.checkedInAt;
    return (
      <Page name='ticket'>
        <View className={`ticket-card ${checkedIn ? 'ticket-card-done' : ''}`}>
          {checkedIn ? (
            <View className='ticket-status ticket-status-done'>
              <Icon name='tick' className='circle status-circle ticket-status-icon' label='已签到' />
              <Text id='ticket-status' className='ticket-status-text'>
                已签到 {chinaHHmm(r.checkedInAt!)}
              </Text>
              {r.completed && r.event.certificateName ? <Text className='ticket-status-sub'>已结业 · {r.event.certificateName}</Text> : null}
            </View>
          ) : (
            <View className='ticket-status'>
              <Text id='ticket-status' className='ticket-status-text ticket-status-waiting'>
                {isPast(r) ? '活动已结束' : '已报名 · 入场时出示此码'}
              </Text>
            </View>
          )}
          <View className='ticket-qr-box'>
            <QrImage id='ticket-qr' payload={r.ticket!} size={560} />
          </View>
          <Text id='ticket-code-text' className='ticket-code-text' userSelect>
            {r.ticket}
          </Text>
          <Text className='ticket-hint'>{checkedIn ? '已完成入场签到，无需再次出示' : '请调亮屏幕，对准工作人员的扫码设备'}</Text>
          {remote.error ? <Text className='ticket-stale'>网络不佳，签到状态可能不是最新</Text> : null}
        </View>
        <View className='card'>{eventInfo}</View>
        <Button className='btn btn-secondary' onClick={goEvent}>
          查看活动详情
        </Button>
      </Page>
    );
  }

  // No code: waitlisted, cancelled, or the event was cancelled.
  let title: string;
  let text: string;
  if (r.event.status === 'cancelled') {
    title = '活动已取消';
    text = '主办方已取消本次活动，电子票已失效。可以看看其他活动。';
  } else if (r.status === 'waitlisted') {
    title = `候补中 · 第${r.waitlistPosition ?? '?'}位`;
    text = '您还没有正式名额，所以暂时没有电子票。有人取消时会按顺序自动递补，递补成功后这里会出现入场二维码，并在“消息通知”里提醒您。';
  } else {
    title = '报名已取消';
    text = '这次报名已经取消，电子票已失效。如果还想参加，可以回到活动页面重新报名。';
  }

  return (
    <Page name='ticket'>
      <View className='card ticket-none'>
        <Badge look='pill' id='ticket-status' tone={status.tone} large>
          {title}
        </Badge>
        <Text className='ticket-none-text'>{text}</Text>
      </View>
      <View className='card'>{eventInfo}</View>
      <Button className='btn btn-primary' onClick={goEvent}>
        {r.status === 'cancelled' && r.event.status !== 'cancelled' ? '回到活动页面' : '查看活动详情'}
      </Button>
    </Page>
  );
}
