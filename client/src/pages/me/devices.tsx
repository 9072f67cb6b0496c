import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { chinaDate, chinaHHmm, type DeviceSession } from '@xlx/shared';
import { meService } from '@/services/me';
import { errorMessage } from '@/services/request';
import { signOut } from '@/services/session';
import { useData } from '@/lib/useData';

/** 登录设备: my phone and the browsers I signed in by scanning; each can be signed out here. */
export default function DeviceSessions() {
  const remote = useData(async () => (await meService.sessions()).items, { pullDown: false });
  const items: DeviceSession[] | null = remote.data;
  const [ending, setEnding] = useState<number | null>(null);
  const load = () => void remote.reload(true);

  const end = async (s: DeviceSession) => {
    if (ending !== null) return;
    const { confirm } = await Taro.showModal({
      title: s.current ? '退出本机登录？' : `退出「${s.label}」？`,
      content: s.current ? '退出后需要重新登录。其他设备不受影响。' : '这台设备将立即退出登录，需要重新扫码才能再次登录。',
      confirmText: '退出',
      cancelText: '取消',
    });
    if (!confirm) return;
    if (s.current) {
      await signOut();
      return;
    }
    setEnding(s.id);
    try {
      await meService.endSession(s.id);
      void Taro.showToast({ title: '已退出该设备', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 3000 });
    } finally {
      setEnding(null);
      load();
    }
  };

  const others = items ? items.filter((s) => !s.current).length : 0;

  return (
    <View className='card me-devices' id='me-devices'>
      <Text className='section-title'>登录设备</Text>
      {remote.error ? (
        <View className='me-devices-error' onClick={load}>
          <Text className='field-error'>{remote.error.message}（点此重试）</Text>
        </View>
      ) : items === null ? (
        <Text className='muted'>正在加载…</Text>
      ) : (
        items.map((s) => (
          <View className='list-row me-device' key={s.id} id={`me-device-${s.id}`}>
            <View className='me-device-text'>
              <Text className='me-device-label'>
                {s.label}
                {s.current ? <Text className='me-device-current'>（本机）</Text> : null}
              </Text>
              <Text className='muted me-device-time'>
                {chinaDate(s.createdAt)} {chinaHHmm(s.createdAt)} 登录
              </Text>
            </View>
            {s.current ? null : (
              <Button className='btn btn-secondary me-device-end' size='mini' disabled={ending !== null} loading={ending === s.id} onClick={() => void end(s)}>
                退出
              </Button>
            )}
          </View>
        ))
      )}
      <Text className='muted me-devices-hint'>
        {others > 0
          ? `除本机外还有 ${others} 台设备登录着您的账号；「退出登录」只退出本机，其他设备请在这里逐个退出。`
          : '在电脑浏览器打开心连新，用小程序扫码即可登录。'}
      </Text>
    </View>
  );
}
