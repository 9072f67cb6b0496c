import Taro from '@tarojs/taro';
import { ERROR_MESSAGES, chinaHHmm, encodeQr, parseQr, type CheckinRequest } from '@xlx/shared';
import { checkinsService, newClientRequestId, rememberCheckin } from '../../services/checkins';
import { eventsService } from '../../services/events';
import { enqueue } from '../../services/offline-queue';
import { isApiError, type ApiError } from '../../services/request';
import { ensureSignedIn } from '../../services/session';
import { LocationError, getLocation } from '../../services/stations';
import { cameraFailure, scanInBrowser } from '../../lib/browser-scan';

export const RESULT_PAGE = '/pages/checkin-result/index';
export const LOGIN_CONFIRM_PAGE = '/pages/login-confirm/index';
export const OFFLINE_SAVED_MESSAGE = '网络不通，已保存签到，联网后自动补签';
const TICKET_MESSAGE = '这是活动电子票，请在活动入口出示给工作人员扫码';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** Only one scan is handled at a time: a double tap or a second scan waits for nothing. */
let busy = false;

type Params = Record<string, string | number | undefined | null>;

function query(params: Params): string {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
}

/**
 * Tells the worker a check-in was saved on the device. On H5 pages are loaded on demand, and
 * without network the result page itself cannot load: say it in a dialog on the spot instead.
 */
async function showQueued(stationId: number | undefined): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    await Taro.showModal({ title: '已保存签到', content: '网络不通，签到已保存在手机上，联网后会自动补交，不用再扫一次。', showCancel: false, confirmText: '知道了' });
    return;
  }
  await showResult({ kind: 'station', status: 'queued', stationId });
}

/** Opens the result page; replaces it when a scan started from the result page itself. */
async function showResult(params: Params): Promise<void> {
  const url = `${RESULT_PAGE}?${query(params)}`;
  const pages = Taro.getCurrentPages();
  const current = pages[pages.length - 1]?.route ?? '';
  try {
    if (current.includes('checkin-result')) await Taro.redirectTo({ url });
    else await Taro.navigateTo({ url });
  } catch {
    // A full page stack (weapp caps it at 10): start over from the result.
    await Taro.reLaunch({ url });
  }
}

function refusal(kind: 'station' | 'event', e: ApiError | LocationError, extra: Params = {}): Promise<void> {
  if (e instanceof LocationError) {
    return showResult({ kind, status: 'error', code: 'LOCATION_REQUIRED', message: e.message, denied: e.denied ? 1 : 0, ...extra });
  }
  const d = (e.details ?? {}) as { distanceMetres?: number; radiusMetres?: number };
  return showResult({
    kind,
    status: 'error',
    code: e.code,
    message: e.message,
    distance: typeof d.distanceMetres === 'number' ? d.distanceMetres : undefined,
    radius: typeof d.radiusMetres === 'number' ? d.radiusMetres : undefined,
    ...extra,
  });
}

/**
 * What happens to a scanned or typed station/event code. The one place the check-in feature
 * plugs into; every way of scanning ends here (camera, mini-program code scene, typed code).
 */
export async function handleScannedCode(code: string): Promise<void> {
  const trimmed = (code ?? '').trim();
  if (!trimmed) {
    await Taro.showToast({ title: '没有识别到签到码，请再试一次', icon: 'none', duration: 2500 });
    return;
  }
  if (busy) return;
  const payload = parseQr(trimmed);
  if (!payload) {
    await showResult({ kind: 'station', status: 'error', code: 'QR_INVALID', message: ERROR_MESSAGES.QR_INVALID });
    return;
  }
  if (payload.kind === 'ticket') {
    await Taro.showToast({ title: TICKET_MESSAGE, icon: 'none', duration: 3500 });
    return;
  }
  if (payload.kind === 'login') {
    // A browser's sign-in code (扫码登录): the person confirms on a page of its own.
    await Taro.navigateTo({ url: `${LOGIN_CONFIRM_PAGE}?code=${encodeURIComponent(encodeQr(payload))}` });
    return;
  }
  busy = true;
  try {
    if (payload.kind === 'event-rotating') await selfCheckin(trimmed, payload.id);
    else await stationCheckin(trimmed, payload.id);
  } finally {
    busy = false;
  }
}

async function hideLoading(): Promise<void> {
  try {
    await Taro.hideLoading();
  } catch {
    // Not shown: nothing to hide.
  }
}

async function stationCheckin(code: string, stationId: number): Promise<void> {
  const clientRequestId = newClientRequestId();
  const clientTime = new Date().toISOString();
  let location: CheckinRequest['location'] | undefined;
  let signedInAgain = false;

  void Taro.showLoading({ title: '正在签到…', mask: true });
  try {
    let token: string | null;
    try {
      token = await ensureSignedIn();
    } catch (e) {
      // The mini-program's silent sign-in needs the network too.
      if (isApiError(e) && e.code === 'NETWORK') {
        enqueue({ code, clientRequestId, clientTime });
        await hideLoading();
        await showQueued(stationId);
        return;
      }
      throw e;
    }
    if (!token) return; // On the way to the sign-in page.

    for (;;) {
      try {
        const result = await checkinsService.checkIn({ code, clientRequestId, ...(location ? { location } : {}) });
        rememberCheckin(result);
        await hideLoading();
        await showResult({
          kind: 'station',
          status: result.duplicate ? 'already' : 'ok',
          id: result.id,
          stationId: result.station.id,
          at: result.checkedInAt,
        });
        return;
      } catch (e) {
        if (!isApiError(e)) throw e;
        if (e.code === 'LOCATION_REQUIRED' && !location) {
          // The station checks that the scanner is there: ask once, retry with the same request id.
          void Taro.showLoading({ title: '正在核验位置…', mask: true });
          try {
            location = await getLocation();
          } catch (le) {
            await hideLoading();
            await refusal('station', le as LocationError, { stationId });
            return;
          }
          void Taro.showLoading({ title: '正在签到…', mask: true });
          continue;
        }
        if (e.code === 'UNAUTHENTICATED' && !signedInAgain) {
          // The stored session expired (the wrapper forgot it): sign in again once and retry.
          signedInAgain = true;
          if (!(await ensureSignedIn())) return;
          continue;
        }
        await hideLoading();
        if (e.code === 'NETWORK') {
          enqueue({ code, clientRequestId, clientTime, ...(location ? { location } : {}) });
          await showQueued(stationId);
          return;
        }
        await refusal('station', e, { stationId });
        return;
      }
    }
  } catch (e) {
    await hideLoading();
    await showResult({ kind: 'station', status: 'error', code: 'INTERNAL', message: isApiError(e) ? e.message : ERROR_MESSAGES.INTERNAL, stationId });
  } finally {
    await hideLoading();
  }
}

async function selfCheckin(code: string, eventId: number): Promise<void> {
  void Taro.showLoading({ title: '正在签到…', mask: true });
  try {
    if (!(await ensureSignedIn())) return;
    const r = await eventsService.selfCheckin(code);
    await hideLoading();
    await showResult({ kind: 'event', status: r.result === 'ok' ? 'ok' : 'already', registrationId: r.registrationId, eventId, at: r.checkedInAt });
  } catch (e) {
    await hideLoading();
    if (isApiError(e)) await refusal('event', e, { eventId });
    else await showResult({ kind: 'event', status: 'error', code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL, eventId });
  } finally {
    await hideLoading();
  }
}

/** "签到成功" or "已于 HH:mm 签到": the one line the worker reads. */
export function resultTitle(status: string, at: string | undefined): string {
  if (status === 'already' && at) return `已于 ${chinaHHmm(at)} 签到`;
  return '签到成功';
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

/** Scans with the camera (the mini-program's, or the browser's); without one, opens the home page's code field. */
export async function scanAnywhere(): Promise<void> {
  if (isWeapp) {
    const code = await scanWithCamera();
    if (code !== null) await handleScannedCode(code);
    return;
  }
  try {
    const code = await scanInBrowser('扫描签到二维码');
    if (code !== null) {
      await handleScannedCode(code);
      return;
    }
  } catch (e) {
    void Taro.showToast({ title: cameraFailure(e), icon: 'none', duration: 3500 });
  }
  // Closed or no camera: type the code on the home page.
  openManualEntryOnHome = true;
  await Taro.switchTab({ url: '/pages/index/index' });
}

/** Set by other pages' 扫码签到 buttons on H5: the home page opens its code field on show. */
let openManualEntryOnHome = false;
export function takeManualEntryRequest(): boolean {
  const v = openManualEntryOnHome;
  openManualEntryOnHome = false;
  return v;
}

/** The app's onShow passes a hot start's scene to the home page under this event name. */
export const SCENE_EVENT = 'xlx:scene';

const recentScenes = new Map<string, number>();
const SCENE_DEDUPE_MS = 15_000;

/**
 * A mini-program code opened the app with `scene` (URL-encoded). The same scene can arrive
 * twice (app show and page load); it is handled once.
 */
export async function handleScene(scene: string | undefined | null): Promise<void> {
  if (!scene) return;
  let decoded = String(scene);
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // Keep it as it came; parseQr refuses what it cannot read.
  }
  const now = Date.now();
  const last = recentScenes.get(decoded);
  if (last !== undefined && now - last < SCENE_DEDUPE_MS) return;
  recentScenes.set(decoded, now);
  await handleScannedCode(decoded);
}
