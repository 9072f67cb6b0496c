import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { chinaHHmm, type Visit } from '@xlx/shared';
import StateView from '@/ui/StateView';
import Badge from '@/ui/Badge';
import { checkinsService } from '@/services/checkins';
import { pendingCount } from '@/services/offline-queue';
import { errorMessage } from '@/services/request';
import { ensureSignedIn } from '@/services/session';
import stationIcon from '@/assets/tab/station.png';
import { chinaDayText } from '@/lib/format';
import './index.css';
import TextScale from '@/ui/TextScale';

const PAGE_SIZE = 30;

export default function VisitsPage() {
  const [items, setItems] = useState<Visit[] | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [error, setError] = useState('');
  const [moreError, setMoreError] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const [pending, setPending] = useState(0);

  const loadFirst = async () => {
    try {
      if (!(await ensureSignedIn())) return;
      const r = await checkinsService.visits(null, PAGE_SIZE);
      setItems(r.items);
      setCursor(r.nextCursor);
      setError('');
      setMoreError('');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const loadMore = async () => {
    if (loadingMore || cursor === null || !items) return;
    setLoadingMore(true);
    try {
      const r = await checkinsService.visits(cursor, PAGE_SIZE);
      setItems((prev) => [...(prev ?? []), ...r.items.filter((v) => !(prev ?? []).some((p) => p.id === v.id))]);
      setCursor(r.nextCursor);
      setMoreError('');
    } catch (e) {
      setMoreError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };

  useDidShow(() => {
    setPending(pendingCount());
    void loadFirst();
  });

  usePullDownRefresh(() => {
    setPending(pendingCount());
    void loadFirst().finally(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(() => {
    void loadMore();
  });

  if (items === null) {
    return (
      <View className='page visits'>
        <TextScale />
        {error ? (
          <StateView id='visits-error' icon='warning' title='签到记录没加载出来' text={error} actionText='重新加载' onAction={() => void loadFirst()} />
        ) : (
          <StateView id='visits-loading' title='正在加载…' />
        )}
      </View>
    );
  }

  return (
    <View className='page visits'>
      <TextScale />
      {pending > 0 ? (
        <View className='notice'>
          <Text>还有 {pending} 条离线签到待补交，联网后会自动出现在这里</Text>
        </View>
      ) : null}
      {error ? (
        <View className='notice notice-error' onClick={() => void loadFirst()}>
          <Text>{error}（点此重试）</Text>
        </View>
      ) : null}

      {items.length === 0 ? (
        <View className='card' id='visits-empty'>
          <StateView
            image={stationIcon}
            title='还没有签到记录'
            text='到工会驿站扫一扫墙上或屏幕上的二维码，就会记在这里'
            actionText='找附近驿站'
            onAction={() => void Taro.switchTab({ url: '/pages/stations/index' })}
          />
        </View>
      ) : (
        <View id='visits-list'>
          <View className='card visits-card'>
            {items.map((v) => (
              <View
                key={v.id}
                id={`visit-item-${v.id}`}
                className='list-row visit-row'
                hoverClass='list-row-active'
                onClick={() => void Taro.navigateTo({ url: `/pages/station/index?id=${v.stationId}` })}
              >
                <View className='visit-main'>
                  <Text className='visit-name'>{v.stationName || '驿站'}</Text>
                  <View className='visit-meta'>
                    <Text className='visit-time'>
                      {chinaDayText(v.checkedInAt)} {chinaHHmm(v.checkedInAt)}
                    </Text>
                    {v.offline ? (
                      <Badge look='pill' tone='amber'>
                        离线补签
                      </Badge>
                    ) : null}
                  </View>
                </View>
                <Text className='list-row-arrow'>›</Text>
              </View>
            ))}
          </View>
          <View className='list-footer' id='visits-footer' onClick={() => (moreError ? void loadMore() : undefined)}>
            <Text>{loadingMore ? '正在加载更多…' : moreError ? `${moreError}（点此重试）` : cursor !== null ? '上拉加载更多' : '没有更早的记录了'}</Text>
          </View>
        </View>
      )}
    </View>
  );
}
