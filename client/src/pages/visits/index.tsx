import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { chinaHHmm, type Visit } from '@xlx/shared';
import StateView from '@/ui/StateView';
import Badge from '@/ui/Badge';
import { checkinsService } from '@/services/checkins';
import { pendingCount } from '@/services/offline-queue';
import { errorMessage } from '@/services/request';
import { useData } from '@/lib/useData';
import { ListOrEmpty, RemotePage } from '@/ui/RemotePage';
import { PageLink } from '@/ui/Page';
import stationIcon from '@/assets/tab/station.png';
import { chinaDayText } from '@/lib/format';
import './index.css';

const PAGE_SIZE = 30;

export default function VisitsPage() {
  const [moreError, setMoreError] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const [pending, setPending] = useState(0);
  // The first page, on every show and pull-down; older ones appended as the list is scrolled.
  const remote = useData<{ items: Visit[]; cursor: number | null }>(async () => {
    setPending(pendingCount());
    const r = await checkinsService.visits(null, PAGE_SIZE);
    setMoreError('');
    return { items: r.items, cursor: r.nextCursor };
  });

  const loadMore = async () => {
    const page = remote.data;
    if (loadingMore || !page || page.cursor === null) return;
    setLoadingMore(true);
    try {
      const r = await checkinsService.visits(page.cursor, PAGE_SIZE);
      remote.setData((prev) => {
        const items = prev?.items ?? [];
        return { items: [...items, ...r.items.filter((v) => !items.some((p) => p.id === v.id))], cursor: r.nextCursor };
      });
      setMoreError('');
    } catch (e) {
      setMoreError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };

  useReachBottom(() => {
    void loadMore();
  });

  return (
    <RemotePage name='visits' remote={remote} failed='签到记录没加载出来'>
      {({ items, cursor }) => (
        <>
          {pending > 0 ? (
            <View className='notice'>
              <Text>还有 {pending} 条离线签到待补交，联网后会自动出现在这里</Text>
            </View>
          ) : null}
          <ListOrEmpty
            id='visits'
            count={items.length}
            empty={
              <StateView
                image={stationIcon}
                title='还没有签到记录'
                text='到工会驿站扫一扫墙上或屏幕上的二维码，就会记在这里'
                actionText='找附近驿站'
                onAction={() => void Taro.switchTab({ url: '/pages/stations/index' })}
              />
            }
          >
            <View className='card visits-card'>
              {items.map((v) => (
                <PageLink
                  key={v.id}
                  id={`visit-item-${v.id}`}
                  className='list-row visit-row'
                  hoverClass='list-row-active'
                  url={`/pages/station/index?id=${v.stationId}`}
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
                </PageLink>
              ))}
            </View>
            <View className='list-footer' id='visits-footer' onClick={() => (moreError ? void loadMore() : undefined)}>
              <Text>{loadingMore ? '正在加载更多…' : moreError ? `${moreError}（点此重试）` : cursor !== null ? '上拉加载更多' : '没有更早的记录了'}</Text>
            </View>
          </ListOrEmpty>
        </>
      )}
    </RemotePage>
  );
}
