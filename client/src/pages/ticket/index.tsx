import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter, useUnload } from '@tarojs/taro';
import { chinaHHmm, type Registration } from '@xlx/shared';
import QrImage from '@/ui/QrImage';
import StateView from '@/ui/StateView';
import Badge from '@/ui/Badge';
import { isPast, registrationsService } from '@/services/registrations';
import { errorMessage } from '@/services/request';
import { ensureSignedIn, useSession } from '@/services/session';
import { eventTimeText } from '@/lib/format';
import { registrationStatusView } from '@/pages/events/format';
import './index.css';
import Icon from '@/ui/Icon';
import TextScale from '@/ui/TextScale';

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

export default function TicketPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const { me } = useSession();
  const [reg, setReg] = useState<Registration | null>(null);
  const [error, setError] = useState('');
  const [stale, setStale] = useState(false);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const shown = useRef(false);

  const load = async (quiet = false): Promise<Registration | null> => {
    if (!Number.isInteger(id) || id <= 0) {
      setError('链接不完整，请从“我的报名”重新进入');
      return null;
    }
    try {
      if (!quiet && !(await ensureSignedIn())) return null;
      const r = await registrationsService.getMine(id);
      setReg(r);
      setError('');
      setStale(false);
      return r;
    } catch (e) {
      if (quiet) setStale(true);
      else setError(errorMessage(e));
      return null;
    }
  };

  const showsCode = (r: Registration | null) => !!r && r.status === 'confirmed' && !!r.ticket && r.event.status !== 'cancelled';

  const stopPolling = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };

  // While shown and not yet checked in, ask every few seconds: the door scan flips the status.
  const startPolling = () => {
    stopPolling();
    timer.current = setInterval(() => {
      void load(true).then((r) => {
        if (r && (r.checkedInAt || !showsCode(r))) stopPolling();
      });
    }, POLL_MS);
  };

  useDidShow(() => {
    shown.current = true;
    void load().then((r) => {
      if (!shown.current) return;
      if (showsCode(r)) {
        void brightness.raise();
        if (!r!.checkedInAt) startPolling();
      }
    });
  });

  useDidHide(() => {
    shown.current = false;
    stopPolling();
    void brightness.restore();
  });

  useUnload(() => {
    shown.current = false;
    stopPolling();
    void brightness.restore();
  });

  useEffect(() => () => stopPolling(), []);

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (!reg) {
    return (
      <View className='page ticket'>
        <TextScale />
        {error ? (
          <StateView id='ticket-error' icon='warning' title='电子票没加载出来' text={error} actionText='重新加载' onAction={() => void load()} />
        ) : (
          <StateView id='ticket-loading' title='正在加载电子票…' />
        )}
      </View>
    );
  }

  const r = reg;
  const status = registrationStatusView(r);
  const goEvent = () => void Taro.navigateTo({ url: `/pages/event/index?id=${r.eventId}` });
  const eventInfo = (
    <View className='ticket-event'>
      <Text id='ticket-event-title' className='card-title ticket-event-title'>
        {r.event.title}
      </Text>
      <View className='card-line ticket-event-line icon-line'>
        <Icon name='clock' label='时间' />
        <Text>{eventTimeText(r.event.startsAt, r.event.endsAt)}</Text>
      </View>
      <View className='card-line ticket-event-line icon-line'>
        <Icon name='pin' label='地点' />
        <Text>{r.event.venue || '地点见活动详情'}</Text>
      </View>
      {me?.nickname ? (
        <View className='card-line ticket-event-line icon-line'>
          <Icon name='user' />
          <Text>报名人：{me.nickname}</Text>
        </View>
      ) : null}
    </View>
  );

  if (showsCode(r)) {
    const checkedIn = !!r.checkedInAt;
    return (
      <View className='page ticket'>
        <TextScale />
        <View className={`ticket-card ${checkedIn ? 'ticket-card-done' : ''}`}>
          {checkedIn ? (
            <View className='ticket-status ticket-status-done'>
              <Icon name='tick' className='ticket-status-icon' label='已签到' />
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
          {stale ? <Text className='ticket-stale'>网络不佳，签到状态可能不是最新</Text> : null}
        </View>
        <View className='card'>{eventInfo}</View>
        <Button className='btn btn-secondary' onClick={goEvent}>
          查看活动详情
        </Button>
      </View>
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
    <View className='page ticket'>
      <TextScale />
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
    </View>
  );
}
