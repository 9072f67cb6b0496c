import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { chinaDate, chinaHHmm, type BrowserLoginDescription } from '@xlx/shared';
import Icon from '@/ui/Icon';
import StateView from '@/ui/StateView';
import { browserLoginService } from '@/services/auth';
import { errorMessage, isApiError } from '@/services/request';
import { HOME_PAGE, ensureSignedIn } from '@/services/session';
import './index.css';

type View_ =
  | { phase: 'loading' }
  | { phase: 'ask'; info: BrowserLoginDescription }
  | { phase: 'done'; approved: boolean }
  | { phase: 'error'; title: string; message: string; retry: boolean };

/** The mini-program's answer to a browser's sign-in code (扫码登录): which browser, when; confirm or decline. */
export default function LoginConfirmPage() {
  const { params } = useRouter();
  const code = decodeURIComponent(params.code ?? '');
  const [view, setView] = useState<View_>({ phase: 'loading' });
  const [busy, setBusy] = useState(false);

  const refused = (e: unknown): View_ => ({
    phase: 'error',
    title: isApiError(e) && e.code === 'QR_EXPIRED' ? '登录码已过期' : isApiError(e) && e.code === 'CONFLICT' ? '登录码已处理' : '无法登录',
    message: errorMessage(e),
    retry: isApiError(e) && (e.code === 'NETWORK' || e.status >= 500),
  });

  const load = async () => {
    setView({ phase: 'loading' });
    try {
      if (!(await ensureSignedIn())) return;
      setView({ phase: 'ask', info: await browserLoginService.describe(code) });
    } catch (e) {
      setView(refused(e));
    }
  };

  useLoad(() => {
    void load();
  });

  const answer = async (approve: boolean) => {
    if (busy) return;
    setBusy(true);
    try {
      await (approve ? browserLoginService.approve(code) : browserLoginService.decline(code));
      setView({ phase: 'done', approved: approve });
    } catch (e) {
      setView(refused(e));
    } finally {
      setBusy(false);
    }
  };

  const home = () => void Taro.switchTab({ url: HOME_PAGE });

  if (view.phase === 'loading') {
    return (
      <View className='page'>
        <StateView icon='clock' title='正在读取登录信息…' />
      </View>
    );
  }
  if (view.phase === 'error') {
    return (
      <View className='page' id='login-confirm-error'>
        <StateView
          icon='warning'
          title={view.title}
          text={view.message}
          actionText={view.retry ? '重试' : '返回首页'}
          onAction={view.retry ? () => void load() : home}
        />
      </View>
    );
  }
  if (view.phase === 'done') {
    return (
      <View className='page' id='login-confirm-done'>
        <StateView
          icon={view.approved ? 'ok' : 'cross'}
          title={view.approved ? '已确认登录' : '已取消登录'}
          text={view.approved ? '电脑上的心连新会自动登录。不再使用时，可在「我的 · 登录设备」中退出。' : '电脑上的登录请求已拒绝，没有登录任何设备。'}
          actionText='返回首页'
          onAction={home}
        />
      </View>
    );
  }
  const { info } = view;
  return (
    <View className='page login-confirm' id='login-confirm'>
      <Icon name='key' className='login-confirm-icon' />
      <Text className='login-confirm-title'>登录电脑上的心连新？</Text>
      <View className='card'>
        <View className='login-confirm-row'>
          <Text className='muted'>登录的浏览器</Text>
          <Text id='login-confirm-browser'>{info.browser}</Text>
        </View>
        <View className='login-confirm-row'>
          <Text className='muted'>请求时间</Text>
          <Text id='login-confirm-time'>
            {chinaDate(info.createdAt)} {chinaHHmm(info.createdAt)}
          </Text>
        </View>
      </View>
      <Text className='login-confirm-warning'>只有是您自己在电脑上打开的心连新才确认。确认后，这台电脑将以您的身份登录。</Text>
      <View className='login-confirm-actions'>
        <Button
          id='login-confirm-approve'
          className={`btn btn-primary ${busy ? 'btn-busy' : ''}`}
          disabled={busy}
          loading={busy}
          onClick={() => void answer(true)}
        >
          确认登录
        </Button>
        <Button id='login-confirm-decline' className='btn btn-secondary' disabled={busy} onClick={() => void answer(false)}>
          取消
        </Button>
      </View>
    </View>
  );
}
