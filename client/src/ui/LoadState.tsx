import { Text, View } from '@tarojs/components';
import type { Remote } from '@/lib/useData';
import StateView from '@/ui/StateView';

/**
 * A worker page before its data came: loading (`<id>-loading`), or what failed with a retry
 * (`<id>-error`); the offline message comes from the request layer.
 */
export function LoadState({ id, remote, title }: { id: string; remote: Pick<Remote<unknown>, 'error' | 'reload'>; title: string }) {
  return remote.error ? (
    <StateView id={`${id}-error`} icon='warning' title={title} text={remote.error.message} actionText='重新加载' onAction={() => void remote.reload()} />
  ) : (
    <StateView id={`${id}-loading`} title='正在加载…' />
  );
}

/** A refresh that failed while the last data stays on screen: tap to try again. */
export function RefreshNotice({ remote, className = 'notice notice-error' }: { remote: Pick<Remote<unknown>, 'error' | 'reload'>; className?: string }) {
  return remote.error ? (
    <View className={className} onClick={() => void remote.reload(true)}>
      <Text>{remote.error.message}（点此重试）</Text>
    </View>
  ) : null;
}
