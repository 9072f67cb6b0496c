import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import StateView from '@/ui/StateView';
import { notificationsService, type Notice } from '@/services/notifications';
import { useData } from '@/lib/useData';
import { ListOrEmpty, RemotePage } from '@/ui/RemotePage';
import { chinaDateTimeText } from '@/lib/format';
import './index.css';

export default function NotificationsPage() {
  const remote = useData<Notice[]>(async () => {
    const r = await notificationsService.list();
    // Shown as they were (unread highlighted), then all marked read on the server.
    if (r.unread > 0) void notificationsService.markAllRead().catch(() => undefined);
    return r.items;
  });

  return (
    <RemotePage name='notifications' remote={remote} failed='消息没加载出来'>
      {(items) => (
        <ListOrEmpty
          id='notifications'
          count={items.length}
          empty={<StateView icon='bell' title='暂时没有消息' text='活动取消、候补递补成功等重要变化会在这里通知您' />}
        >
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
        </ListOrEmpty>
      )}
    </RemotePage>
  );
}
