import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import StateView from '@/components/StateView';
import { notificationsService, type Notice } from '@/services/notifications';
import { errorMessage } from '@/services/request';
import { ensureSignedIn } from '@/services/session';
import { chinaDateTimeText } from '@/pages/events/format';
import './index.css';
import TextScale from '@/components/TextScale';

export default function NotificationsPage() {
  const [items, setItems] = useState<Notice[] | null>(null);
  const [error, setError] = useState('');

  const load = async () => {
    try {
      if (!(await ensureSignedIn())) return;
      const r = await notificationsService.list();
      // Shown as they were (unread highlighted), then all marked read on the server.
      setItems(r.items);
      setError('');
      if (r.unread > 0) void notificationsService.markAllRead().catch(() => undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useDidShow(() => {
    void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (items === null) {
    return (
      <View className='page notifications'>
        <TextScale />
        {error ? (
          <StateView id='notifications-error' icon='warning' title='消息没加载出来' text={error} actionText='重新加载' onAction={() => void load()} />
        ) : (
          <StateView id='notifications-loading' title='正在加载…' />
        )}
      </View>
    );
  }

  return (
    <View className='page notifications'>
      <TextScale />
      {error ? (
        <View className='notice notice-error' onClick={() => void load()}>
          <Text>{error}（点此重试）</Text>
        </View>
      ) : null}
      {items.length === 0 ? (
        <View className='card' id='notifications-empty'>
          <StateView icon='bell' title='暂时没有消息' text='活动取消、候补递补成功等重要变化会在这里通知您' />
        </View>
      ) : (
        <View id='notifications-list'>
          {items.map((n) => (
            <View
              key={n.id}
              id={`notification-item-${n.id}`}
              className={`card notice-item ${n.read ? '' : 'notice-item-unread'}`}
              hoverClass={n.eventId ? 'card-active' : 'none'}
              onClick={() => (n.eventId ? void Taro.navigateTo({ url: `/pages/event/index?id=${n.eventId}` }) : undefined)}
            >
              <View className='notice-item-head'>
                {!n.read ? <View className='notice-dot' /> : null}
                <Text className='notice-item-title'>{n.title}</Text>
              </View>
              <Text className='notice-item-body'>{n.body}</Text>
              <View className='notice-item-foot'>
                <Text className='muted'>{chinaDateTimeText(n.createdAt)}</Text>
                {n.eventId ? <Text className='notice-item-link'>查看活动 ›</Text> : null}
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
