import Taro from '@tarojs/taro';
import type { Event } from '@xlx/shared';
import { eventFileUrl } from '@/services/share';
import { eventTimeText } from '@/lib/format';

/** 拨打: the phone's dialler (WeChat asks the person to confirm; a browser opens tel:). */
export async function callPhone(phone: string): Promise<void> {
  const number = phone.replace(/-/g, '');
  if (process.env.TARO_ENV === 'h5') {
    window.location.href = `tel:${number}`;
    return;
  }
  try {
    await Taro.makePhoneCall({ phoneNumber: number });
  } catch {
    // Cancelled by the person: nothing to say.
  }
}

/**
 * 加入日历: a browser downloads the event's .ics file (phones open it in their calendar); the
 * mini-program writes a phone calendar entry where WeChat can, else copies the time to paste.
 */
export async function addToCalendar(e: Pick<Event, 'id' | 'title' | 'startsAt' | 'endsAt' | 'venue' | 'description'>): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    window.location.href = eventFileUrl(e.id, 'calendar.ics');
    return;
  }
  const text = `${e.title}\n${eventTimeText(e.startsAt, e.endsAt)}\n${e.venue}`;
  if (typeof Taro.addPhoneCalendar === 'function') {
    try {
      await Taro.addPhoneCalendar({
        title: e.title,
        startTime: Math.floor(Date.parse(e.startsAt) / 1000),
        endTime: String(Math.floor(Date.parse(e.endsAt) / 1000)),
        location: e.venue,
        description: e.description.slice(0, 200),
        alarm: true,
        alarmOffset: 3600,
      });
      await Taro.showToast({ title: '已加入手机日历，开始前1小时提醒', icon: 'none' });
      return;
    } catch (err) {
      if (/cancel/i.test((err as { errMsg?: string })?.errMsg ?? '')) return;
    }
  }
  await Taro.setClipboardData({ data: text });
  await Taro.showToast({ title: '活动时间已复制，可粘贴到日历或备忘录', icon: 'none' });
}
