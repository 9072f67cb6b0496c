import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { DevSignInSchema, LIMITS, toFieldIssues } from '@xlx/shared';
import type { Session } from '@xlx/shared';
import QrImage from '@/ui/QrImage';
import { authService, type AuthOptions } from '@/services/auth';
import { errorMessage, isApiError } from '@/services/request';
import { continueAfterSignIn, signInWithWechat, startSession } from '@/services/session';
import { useBrowserCode } from './browser-code';
import './index.css';

const isWeapp = process.env.TARO_ENV === 'weapp';

export default function LoginPage() {
  const [options, setOptions] = useState<AuthOptions | null>(null);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState('');
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  useLoad(() => {
    authService
      .options()
      .then(setOptions)
      .catch(() => {
        // Unknown: keep the form; a failed sign-in explains itself.
        setOptions(null);
      });
  });

  // Back to where the person was going (a scanned link, say), else the home page.
  const goHome = () => continueAfterSignIn();

  const browser = useBrowserCode(!isWeapp, (session: Session) => {
    startSession(session);
    void Taro.showToast({ title: '登录成功', icon: 'success', duration: 1200 });
    void goHome();
  });

  const submitDev = async () => {
    if (busy) return;
    setFormError('');
    const parsed = DevSignInSchema.safeParse({ name });
    if (!parsed.success) {
      setNameError(toFieldIssues(parsed.error)[0]?.message ?? '请输入名字');
      return;
    }
    setNameError('');
    setBusy(true);
    try {
      startSession(await authService.dev(parsed.data));
      await goHome();
    } catch (e) {
      if (isApiError(e) && e.code === 'VALIDATION_FAILED') setNameError(e.fieldErrors.name ?? e.message);
      else if (isApiError(e) && e.code === 'NOT_FOUND')
        setFormError(isWeapp ? '该环境未开放演示登录，请点「微信一键登录」' : '该环境未开放演示登录，请用心连新小程序扫描上方二维码登录');
      else setFormError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const submitWechat = async () => {
    if (busy) return;
    setFormError('');
    setBusy(true);
    try {
      await signInWithWechat();
      await goHome();
    } catch (e) {
      setFormError(isApiError(e) ? e.message : '微信登录失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  // The development sign-in shows only when the server says it offers it.
  const devAvailable = options?.devSignIn === true;
  const b = browser.state;

  return (
    <View className='page login'>
      <View className='login-hero'>
        <Text className='login-title'>心连新</Text>
        <Text className='login-subtitle'>工会驿站 · 活动报名 · 扫码签到</Text>
      </View>

      {isWeapp ? (
        <View className='card'>
          <Button id='wechat-login' className={`btn btn-primary ${busy ? 'btn-busy' : ''}`} loading={busy} disabled={busy} onClick={submitWechat}>
            微信一键登录
          </Button>
          <Text className='muted login-hint'>使用微信身份登录，不会获取您的手机号</Text>
        </View>
      ) : null}

      {!isWeapp ? (
        <View className='card browser-login' id='browser-login'>
          <Text className='section-title'>用心连新小程序扫码登录</Text>
          <Text className='muted browser-login-steps'>打开微信里的心连新小程序，点首页「扫码签到」扫描下方二维码，在手机上确认后这里自动登录。</Text>
          <View className='browser-login-qr' id='browser-login-qr' data-code={b.phase === 'showing' ? b.code : ''}>
            {b.phase === 'showing' ? (
              <QrImage id='browser-login-image' payload={b.code} size={400} />
            ) : b.phase === 'declined' ? (
              <View className='browser-login-cover' id='browser-login-declined'>
                <Text className='browser-login-cover-title'>已在手机上取消登录</Text>
                <Button className='btn btn-primary' onClick={browser.restart}>
                  重新获取二维码
                </Button>
              </View>
            ) : b.phase === 'error' ? (
              <View className='browser-login-cover' id='browser-login-error'>
                <Text className='browser-login-cover-title'>{b.message}</Text>
                <Button className='btn btn-secondary' onClick={browser.restart}>
                  重试
                </Button>
              </View>
            ) : (
              <View className='browser-login-cover'>
                <Text className='muted'>正在获取登录二维码…</Text>
              </View>
            )}
          </View>
          {b.phase === 'showing' ? (
            <Text className='muted browser-login-hint' id='browser-login-hint'>
              {b.retrying ? '网络不给力，正在重新连接…' : '二维码约 2 分钟有效，会自动更新'}
            </Text>
          ) : null}
        </View>
      ) : null}

      {devAvailable ? (
        <View className='card' id='dev-form'>
          <Text className='section-title'>{isWeapp ? '演示登录' : '演示登录（仅开发和测试环境）'}</Text>
          <View className={`field ${nameError ? 'field-invalid' : ''}`}>
            <Text className='field-label'>名字</Text>
            <Input
              id='dev-name'
              className='field-input'
              type='text'
              value={name}
              maxlength={LIMITS.devNameMax}
              placeholder='输入名字，例如 王泽锋'
              confirmType='go'
              onInput={(e) => setName(e.detail.value)}
              onConfirm={submitDev}
            />
            {nameError ? (
              <Text id='dev-name-error' className='field-error'>
                {nameError}
              </Text>
            ) : null}
          </View>
          <Button id='dev-submit' className={`btn btn-primary login-submit ${busy ? 'btn-busy' : ''}`} loading={busy} disabled={busy} onClick={submitDev}>
            登录
          </Button>
          <Text className='muted login-hint'>演示环境：输入任意名字即可登录，同名即同一账号</Text>
        </View>
      ) : null}

      {formError ? (
        <View id='login-error' className='login-error'>
          <Text>{formError}</Text>
        </View>
      ) : null}
    </View>
  );
}
