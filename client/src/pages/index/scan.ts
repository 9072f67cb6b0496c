import Taro from '@tarojs/taro';

/**
 * What happens to a scanned or typed station/event code. The one place the check-in feature
 * plugs into; every way of scanning ends here.
 */
export async function handleScannedCode(code: string): Promise<void> {
  const trimmed = code.trim();
  if (!trimmed) {
    await Taro.showToast({ title: '没有识别到签到码，请再试一次', icon: 'none', duration: 2500 });
    return;
  }
  await Taro.showToast({ title: '签到功能即将开放', icon: 'none', duration: 2500 });
}

/** Opens the camera (mini-program only); resolves with the code, or null when cancelled. */
export async function scanWithCamera(): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true });
    // A mini-program code (wxCode) carries its payload in path's scene; a QR code in result.
    return res.result || res.path || '';
  } catch (e) {
    const msg = (e as { errMsg?: string }).errMsg ?? '';
    if (msg.includes('cancel')) return null;
    await Taro.showToast({ title: '无法打开相机，请在设置中允许使用相机后重试', icon: 'none', duration: 3000 });
    return null;
  }
}
