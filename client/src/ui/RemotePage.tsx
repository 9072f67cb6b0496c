import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { Remote } from '@/lib/useData';
import PageState, { RefreshNotice } from '@/ui/PageState';
import Page from '@/ui/Page';

interface PageProps<T> {
  /** The page's class (`page <name>`) and the ids of its states: `<name>-loading`, `<name>-error`. */
  name: string;
  remote: Remote<T>;
  /** Title of the first load's failure, e.g. 消息没加载出来. */
  failed: string;
  /** Whether a failed refresh shows a tap-to-retry notice over the last data (default true). */
  refreshNotice?: boolean;
  /** What the page shows once its data came. */
  children: (data: T) => ReactNode;
}

/**
 * A worker page that shows one remote (from useData): loading or the failure of the first load,
 * then the page itself, with a tap-to-retry notice while a refresh failed over the last data.
 */
export function RemotePage<T>({ name, remote, failed, refreshNotice = true, children }: PageProps<T>) {
  return (
    <Page name={name}>
      {remote.data === null ? (
        <PageState id={name} error={remote.error} onRetry={() => void remote.reload()} title={failed} />
      ) : (
        <>
          {refreshNotice ? <RefreshNotice remote={remote} /> : null}
          {children(remote.data)}
        </>
      )}
    </Page>
  );
}

/** A list, or the card saying why it is empty: ids `<id>-list`, `<id>-empty`. */
export function ListOrEmpty({ id, count, empty, children }: { id: string; count: number; empty: ReactNode; children: ReactNode }) {
  return count === 0 ? (
    <View className='card' id={`${id}-empty`}>
      {empty}
    </View>
  ) : (
    <View id={`${id}-list`}>{children}</View>
  );
}
