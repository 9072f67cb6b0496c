import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import StateView from '@/ui/StateView';
import { RefreshNotice } from '@/ui/PageState';
import type { Latest } from '@/lib/useLatest';

/** What a filtered list page says while it has no items to show. */
export interface ListWords {
  /** Title of the first load's failure, e.g. 活动没加载出来. */
  failed: string;
  /** The empty list's picture (an imported PNG). */
  image: string;
  /** 活动, 驿站: an empty filtered list says "没有符合条件的<what>". */
  what: string;
  /** The empty list's title when nothing is filtered, e.g. 近期还没有活动. */
  none: string;
  /** The button that clears the filters (shown while filtered). */
  clearText: string;
}

interface Props {
  /** `events`, `stations`: ids `<id>-error`, `<id>-loading`, `<id>-list`, `<id>-empty`. */
  id: string;
  /** The list as the page loads it (useLatest). */
  list: Pick<Latest<unknown[]>, 'data' | 'error' | 'loading'>;
  words: ListWords;
  /** Some filter is on: an empty list says that nothing matches, with the button that clears the filters. */
  filtered: boolean;
  /** What the empty list explains. */
  emptyText: string;
  onRetry: () => void;
  onClear: () => void;
  children: ReactNode;
}

/**
 * A worker list page's body under its filters (events, stations): skeletons, the first load's failure,
 * a failed refresh over the old list, empty (nothing yet, or nothing matches), or the list.
 */
export default function ListState({ id, list, words, filtered, emptyText, onRetry, onClear, children }: Props) {
  const { data: items, error, loading } = list;
  if (items === null) {
    return error ? (
      <View className='card'>
        <StateView id={`${id}-error`} icon='warning' title={words.failed} text={error} actionText='重新加载' onAction={onRetry} />
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
          <StateView
            image={words.image}
            title={filtered ? `没有符合条件的${words.what}` : words.none}
            text={emptyText}
            actionText={filtered ? words.clearText : undefined}
            onAction={filtered ? onClear : undefined}
          />
        </View>
      ) : (
        children
      )}
    </View>
  );
}
