import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import StateView from '@/ui/StateView';
import type { ApiError } from '@/services/request';
import { HOME_PAGE, goToLogin } from '@/services/session';
import type { Remote } from '@/lib/useData';
import { MISSING_ID } from '@/lib/org-pages';

interface Props {
  error: ApiError | null;
  /** What the page shows, for the 404 message: 驿站, 活动… */
  what: string;
  onRetry: () => void;
  /** Where "返回" goes after a 404 (a list page); navigateBack when omitted. */
  backUrl?: string;
}

function goBack(url?: string): void {
  if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack();
    return;
  }
  if (url) void Taro.redirectTo({ url });
  else void Taro.switchTab({ url: HOME_PAGE });
}

/**
 * The whole-page state of an organiser page while its main object loads or after it failed:
 * 401 goes to the login page, 403 explains who may use it, 404 that it does not exist or is
 * not the organiser's, anything else offers a retry.
 */
export default function PageState({ error, what, onRetry, backUrl }: Props) {
  let body;
  if (!error) {
    body = <StateView id='org-loading' icon='hourglass' title='正在加载…' />;
  } else if (error.status === 401) {
    body = <StateView id='org-error-401' icon='key' title='登录已失效' text='请重新登录后再打开此页面。' actionText='去登录' onAction={() => goToLogin()} />;
  } else if (error.status === 403) {
    body = (
      <StateView
        id='org-error-403'
        icon='lock'
        title='没有组织者权限'
        text={`${error.message}。组织者页面用于管理驿站和活动，如需开通，请联系所在工会的管理员。`.replace(/[。.]。/, '。')}
        actionText='返回首页'
        onAction={() => void Taro.switchTab({ url: HOME_PAGE })}
      />
    );
  } else if (error.status === 404) {
    body = (
      <StateView
        id='org-error-404'
        icon='search'
        title={`找不到这个${what}`}
        text='它可能已被删除，或不属于您管理的组织。请返回列表重新选择。'
        actionText='返回列表'
        onAction={() => goBack(backUrl)}
      />
    );
  } else {
    body = <StateView id='org-error' icon='warning' title='加载失败' text={error.message} actionText='重新加载' onAction={onRetry} />;
  }
  return <View className='card org-state'>{body}</View>;
}

/** An organiser page whose refresh failed while the last data stays on screen: tap to try again. */
export function RefreshFailed({ remote }: { remote: { error: ApiError | null; reload: (quiet?: boolean) => Promise<void> } }) {
  return remote.error ? (
    <Text className='org-notice' onClick={() => void remote.reload(true)}>
      刷新失败：{remote.error.message}（点此重试）
    </Text>
  ) : null;
}

/** An organiser page before its main object is there: the id is missing, it loads, or it failed. */
export function OrgPageGate({
  id,
  remote,
  what,
  backUrl,
}: {
  id: unknown;
  remote: Pick<Remote<unknown>, 'loading' | 'error' | 'reload'>;
  what: string;
  backUrl?: string;
}) {
  return (
    <View className='page org-page'>
      <PageState error={!id ? MISSING_ID : remote.loading ? null : remote.error} what={what} backUrl={backUrl} onRetry={() => void remote.reload()} />
    </View>
  );
}
