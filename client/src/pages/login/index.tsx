import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { DevSignInSchema, LIMITS, toFieldIssues } from '@xlx/shared';
import { authService, type AuthOptions } from '../../services/auth';
import { errorMessage, isApiError } from '../../services/request';
import { continueAfterSignIn, signInWithWechat, startSession } from '../../services/session';
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
      else if (isApiError(e) && e.code === 'NOT_FOUND') setFormError('该环境未开放演示登录，请在微信中打开心连新小程序');
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

  const devAvailable = options ? options.devSignIn : true;

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

      {devAvailable ? (
        <View className='card' id='dev-form'>
          <Text className='section-title'>{isWeapp ? '演示登录' : '登录'}</Text>
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
      ) : (
        <View className='card'>
          <Text className='state-text'>该环境未开放演示登录，请在微信中打开心连新小程序</Text>
        </View>
      )}

      {formError ? (
        <View id='login-error' className='login-error'>
          <Text>{formError}</Text>
        </View>
      ) : null}
    </View>
  );
}
