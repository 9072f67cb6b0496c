import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter, useUnload } from '@tarojs/taro';
import type { KioskCode } from '@xlx/shared';
import QrImage from '@/ui/QrImage';
import { organiserService } from '@/services/organiser';
import { isApiError, type ApiError } from '@/services/request';
import { ensureSignedIn } from '@/services/session';
import { isH5, isWeapp } from '@/lib/pages';
import { idParam } from '@/lib/org-pages';
import '@/organiser/organiser.css';
import './index.css';

/** Refetch at least this often, whatever refreshAt says (clock skew, a missed timer). */
const FALLBACK_MS = 30_000;
const RETRY_MS = [2_000, 4_000, 8_000, 15_000];

type Source = { kind: 'token'; token: string } | { kind: 'station'; id: number } | { kind: 'event'; id: number } | { kind: 'none' };

function sourceOf(params: Record<string, string | undefined>): Source {
  if (params.token) return { kind: 'token', token: decodeURIComponent(params.token) };
  const stationId = idParam(params.stationId);
  if (stationId) return { kind: 'station', id: stationId };
  const eventId = idParam(params.eventId);
  if (eventId) return { kind: 'event', id: eventId };
  return { kind: 'none' };
}

/** A failure that retrying will not fix soon: shown full screen instead of the code. */
interface Fatal {
  title: string;
  text: string;
  /** Keep trying in the background (e.g. the organiser may switch the dynamic code on). */
  retry: boolean;
}

function fatalOf(e: ApiError, source: Source): Fatal | null {
  if (e.status === 404) {
    return source.kind === 'token'
      ? { title: '屏幕链接已失效', text: e.message || '这个链接已被收回，请向驿站管理员索取新的屏幕链接。', retry: false }
      : { title: source.kind === 'event' ? '找不到这场活动' : '找不到这个驿站', text: '它可能已被删除，或不属于您管理的组织。', retry: false };
  }
  if (e.status === 403) return { title: '仅工会组织者可以打开签到屏', text: `${e.message}。也可以在驿站页面生成免登录的屏幕链接。`, retry: false };
  if (e.status === 409) return { title: '暂时无法显示签到码', text: e.message, retry: true };
  return null;
}

interface Size {
  w: number;
  h: number;
}

function windowSize(): Size {
  if (isH5) return { w: window.innerWidth, h: window.innerHeight };
  try {
    const info = Taro.getWindowInfo ? Taro.getWindowInfo() : Taro.getSystemInfoSync();
    return { w: info.windowWidth, h: info.windowHeight };
  } catch {
    return { w: 375, h: 667 };
  }
}

/**
 * The station (or event) screen: the rotating QR code very large, refreshed when it rotates.
 * Opened with `token` it needs no sign-in (a kiosk link on a shared screen); with `stationId`
 * or `eventId` it is the signed-in organiser's own screen.
 */
export default function KioskPage() {
  const { params } = useRouter();
  const [source] = useState(() => sourceOf(params));
  const [code, setCode] = useState<KioskCode | null>(null);
  const [fatal, setFatal] = useState<Fatal | null>(
    source.kind === 'none' ? { title: '链接不完整', text: '请从驿站页面的「打开签到屏」进入，或使用完整的屏幕链接。', retry: false } : null,
  );
  const [reconnecting, setReconnecting] = useState(false);
  // The device says it has no network: the code on screen cannot be renewed, so it is not shown.
  const [offline, setOffline] = useState(false);
  const [deadline, setDeadline] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [size, setSize] = useState<Size>(() => windowSize());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const failures = useRef(0);
  const lastPayload = useRef('');
  const alive = useRef(true);

  const schedule = (ms: number, fn: () => void) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(fn, ms);
  };

  const fetchCode = async (): Promise<void> => {
    if (!alive.current || source.kind === 'none') return;
    try {
      let next: KioskCode;
      if (source.kind === 'token') next = await organiserService.kioskCode(source.token);
      else {
        if (!(await ensureSignedIn())) return; // on its way to the login page
        next = source.kind === 'station' ? await organiserService.stationRotatingCode(source.id) : await organiserService.eventRotatingCode(source.id);
      }
      if (!alive.current) return;
      failures.current = 0;
      setReconnecting(false);
      setFatal(null);
      const rotationMs = (next.rotationSeconds || 30) * 1000;
      let wait = Date.parse(next.refreshAt) - Date.now() + 300;
      // A device clock off by more than a window: refetching at once would loop on the same code.
      if (!Number.isFinite(wait) || wait < 1000) wait = next.payload === lastPayload.current ? 3000 : 1000;
      wait = Math.min(wait, rotationMs + 300, FALLBACK_MS);
      lastPayload.current = next.payload;
      setCode(next);
      setDeadline(Date.now() + wait);
      schedule(wait, () => void fetchCode());
    } catch (e) {
      if (!alive.current) return;
      const f = isApiError(e) ? fatalOf(e, source) : null;
      if (isApiError(e) && e.status === 401 && source.kind !== 'token') {
        // Expired session: ensureSignedIn on the next attempt signs in again (or goes to login).
        schedule(500, () => void fetchCode());
        return;
      }
      if (f) {
        setFatal(f);
        setCode(null);
        if (f.retry) schedule(FALLBACK_MS, () => void fetchCode());
        return;
      }
      // Network trouble or a server hiccup: keep the last code up and try again quietly.
      setReconnecting(true);
      const delay = RETRY_MS[Math.min(failures.current, RETRY_MS.length - 1)];
      failures.current += 1;
      schedule(delay, () => void fetchCode());
    }
  };

  useEffect(() => {
    alive.current = true;
    void fetchCode();
    const tick = setInterval(() => setNow(Date.now()), 1000);

    if (isWeapp) void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);

    // Browsers: keep the screen on where the Wake Lock API exists, and follow resizes.
    let wakeLock: { release: () => Promise<void> } | null = null;
    const requestWake = () => {
      const nav = navigator as Navigator & { wakeLock?: { request: (t: 'screen') => Promise<{ release: () => Promise<void> }> } };
      nav.wakeLock
        ?.request('screen')
        .then((l) => {
          wakeLock = l;
        })
        .catch(() => undefined);
    };
    const onResize = () => setSize(windowSize());
    const onOnline = () => {
      setOffline(false);
      void fetchCode();
    };
    const onOffline = () => setOffline(true);
    const onNetwork = (r: { isConnected: boolean }) => (r.isConnected ? onOnline() : onOffline());
    const onVisible = () => {
      if (document.visibilityState === 'visible') {
        requestWake();
        void fetchCode(); // timers may have slept while hidden
      }
    };
    if (isH5) {
      requestWake();
      window.addEventListener('resize', onResize);
      document.addEventListener('visibilitychange', onVisible);
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      if (navigator.onLine === false) setOffline(true);
    } else {
      Taro.onWindowResize?.(onResize);
      Taro.onNetworkStatusChange?.(onNetwork);
    }
    return () => {
      alive.current = false;
      clearInterval(tick);
      if (timer.current) clearTimeout(timer.current);
      if (isH5) {
        window.removeEventListener('resize', onResize);
        document.removeEventListener('visibilitychange', onVisible);
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
        void wakeLock?.release().catch(() => undefined);
      } else {
        Taro.offWindowResize?.(onResize);
        Taro.offNetworkStatusChange?.(onNetwork);
      }
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useUnload(() => {
    if (isWeapp) void Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
  });

  const landscape = size.w > size.h * 1.15;
  // ~70% of the short side, leaving room for the title and the hint.
  const qrPx = Math.round(landscape ? Math.min(size.h * 0.72, size.w * 0.48) : Math.min(size.w * 0.78, size.h * 0.5));
  const secondsLeft = Math.max(0, Math.ceil((deadline - now) / 1000));
  const canLeave = source.kind !== 'token' && Taro.getCurrentPages().length > 1;
  // The BFF accepts a code for its own window and the next one. Past that, or with no network at
  // all (nothing can renew it), the code on screen would fail: hide it and say why.
  const validUntil = code ? Date.parse(code.refreshAt) + (code.rotationSeconds || 30) * 1000 : 0;
  const stale = code !== null && (offline || (reconnecting && now > Math.min(validUntil, deadline + (code.rotationSeconds || 30) * 1000)));

  if (fatal) {
    return (
      <View className='kiosk kiosk-column' id='kiosk-fatal'>
        <View className={`kiosk-fatal-icon ${fatal.retry ? 'kiosk-fatal-wait' : ''}`}>
          <Text>!</Text>
        </View>
        <Text className='kiosk-fatal-title' id='kiosk-fatal-title'>
          {fatal.title}
        </Text>
        <Text className='kiosk-fatal-text'>{fatal.text}</Text>
        {canLeave ? (
          <View className='kiosk-exit' onClick={() => void Taro.navigateBack()}>
            <Text>← 返回</Text>
          </View>
        ) : null}
      </View>
    );
  }

  return (
    <View className={`kiosk ${landscape ? 'kiosk-landscape' : 'kiosk-portrait'}`} id='kiosk'>
      <View className='kiosk-column kiosk-text'>
        <Text className='kiosk-name' id='kiosk-name'>
          {code ? code.stationName : '正在加载签到码…'}
        </Text>
        <Text className='kiosk-hint'>打开微信扫一扫，签到</Text>
        {code && !stale ? (
          <Text className='kiosk-countdown' id='kiosk-countdown'>
            {secondsLeft > 0 ? `二维码 ${secondsLeft} 秒后更新` : '正在更新…'}
          </Text>
        ) : null}
      </View>
      <View className={`kiosk-qr ${stale ? 'kiosk-qr-stale' : ''}`} style={{ width: `${qrPx}px`, height: `${qrPx}px` }}>
        {code ? <QrImage id='kiosk-qr' payload={code.payload} size={600} /> : <View className='kiosk-qr-placeholder' />}
        {stale ? (
          <View className='kiosk-column kiosk-stale' id='kiosk-stale'>
            <Text className='kiosk-stale-title'>网络已断开，二维码已失效</Text>
            <Text className='kiosk-stale-text'>请勿扫描。恢复联网后会自动显示新的二维码；急用可扫墙上的纸质签到码。</Text>
          </View>
        ) : null}
      </View>
      {reconnecting || offline ? (
        <View className='kiosk-offline' id='kiosk-offline'>
          <Text>{stale ? '网络已断开，正在重连…' : '网络重连中…'}</Text>
        </View>
      ) : null}
      {canLeave ? (
        <View className='kiosk-exit' id='kiosk-exit' onClick={() => void Taro.navigateBack()}>
          <Text>← 退出</Text>
        </View>
      ) : null}
    </View>
  );
}
