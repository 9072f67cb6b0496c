import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import StateView from '@/ui/StateView';
import { RefreshNotice } from '@/ui/PageState';

interface Props {
  /** `events`, `stations`: ids `<id>-error`, `<id>-loading`, `<id>-list`, `<id>-empty`. */
  id: string;
  items: unknown[] | null;
  error: string;
  loading: boolean;
  /** Title of the first load's failure, e.g. 活动没加载出来. */
  failed: string;
  onRetry: () => void;
  /** What an empty list shows (a StateView). */
  empty: ReactNode;
  children: ReactNode;
}

/** A worker list page's body: skeletons, the first load's failure, a failed refresh over the old list, empty, or the list. */
export default function ListState({ id, items, error, loading, failed, onRetry, empty, children }: Props) {
  if (items === null) {
    return error ? (
      <View className='card'>
        <StateView id={`${id}-error`} icon='warning' title={failed} text={error} actionText='重新加载' onAction={onRetry} />
      </View>
    ) : (
      <View id={`${id}-loading`}>
        {[0, 1, 2].map((i) => (
          <View className='card skeleton-card' key={i}>
            <View className='skeleton-line skeleton-title' />
            <View className='skeleton-line' />
            <View className='skeleton-line skeleton-short' />
          </View>
        ))}
      </View>
    );
  }
  return (
    <View id={`${id}-list`} className={loading ? 'list-refreshing' : ''}>
      <RefreshNotice remote={{ error: error ? { message: error } : null, reload: onRetry }} />
      {items.length === 0 ? (
        <View className='card' id={`${id}-empty`}>
          {empty}
        </View>
      ) : (
        children
      )}
    </View>
  );
}
