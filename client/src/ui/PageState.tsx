import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import StateView from '@/ui/StateView';
import type { ApiError } from '@/services/request';
import { HOME_PAGE, goToLogin } from '@/services/session';
import type { Remote } from '@/lib/useData';
import { MISSING_ID } from '@/lib/org-pages';

interface Props {
  error: ApiError | null;
  onRetry: () => void;
  /** Ids `<id>-loading`, `<id>-error` (organiser pages also `<id>-error-401`, -403, -404); `org` by default. */
  id?: string;
  /** The failure's title, e.g. 诉求没加载出来; 加载失败 by default. */
  title?: string;
  /**
   * An organiser page: what it shows (驿站, 活动…). It then sits in a card and explains itself:
   * 401 goes to the login page, 403 says who may use it, 404 that it does not exist or is not theirs.
   */
  what?: string;
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

/** The organiser's own answers to 401, 403 and 404; null for any other failure. */
function orgError(error: ApiError, id: string, what: string, backUrl?: string) {
  if (error.status === 401) {
    return (
      <StateView id={`${id}-error-401`} icon='key' title='登录已失效' text='请重新登录后再打开此页面。' actionText='去登录' onAction={() => goToLogin()} />
    );
  }
  if (error.status === 403) {
    return (
      <StateView
        id={`${id}-error-403`}
        icon='lock'
        title='没有组织者权限'
        text={`${error.message}。组织者页面用于管理驿站和活动，如需开通，请联系所在工会的管理员。`.replace(/[。.]。/, '。')}
        actionText='返回首页'
        onAction={() => void Taro.switchTab({ url: HOME_PAGE })}
      />
    );
  }
  if (error.status === 404) {
    return (
      <StateView
        id={`${id}-error-404`}
        icon='search'
        title={`找不到这个${what}`}
        text='它可能已被删除，或不属于您管理的组织。请返回列表重新选择。'
        actionText='返回列表'
        onAction={() => goBack(backUrl)}
      />
    );
  }
  return null;
}

/** A page before its main data came: loading, or what failed with a retry (the offline message comes from the request layer). */
export default function PageState({ error, onRetry, id = 'org', title = '加载失败', what, backUrl }: Props) {
  const body = !error ? (
    <StateView id={`${id}-loading`} icon={what ? 'hourglass' : undefined} title='正在加载…' />
  ) : (
    ((what && orgError(error, id, what, backUrl)) ?? (
      <StateView id={`${id}-error`} icon='warning' title={title} text={error.message} actionText='重新加载' onAction={onRetry} />
    ))
  );
  return what ? <View className='card org-state'>{body}</View> : body;
}

/**
 * A refresh that failed while the last data stays on screen: tap to try again.
 * `org`: the organiser's amber line that says 刷新失败; else the worker's red notice.
 */
export function RefreshNotice({
  remote,
  org,
  className,
}: {
  remote: { error: { message: string } | null; reload: (quiet?: boolean) => unknown };
  org?: boolean;
  /** Classes instead of the usual notice's (a page's own banner). */
  className?: string;
}) {
  if (!remote.error) return null;
  return (
    <View className={className ?? (org ? 'note-box note-warning org-notice' : 'notice notice-error')} onClick={() => void remote.reload(true)}>
      <Text>
        {org ? '刷新失败：' : ''}
        {remote.error.message}（点此重试）
      </Text>
    </View>
  );
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
