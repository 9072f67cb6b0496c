import Taro from '@tarojs/taro';
import { ERROR_MESSAGES, chinaHHmm, payloadFromScan, type CheckinRequest } from '@xlx/shared';
import { checkinsService, newClientRequestId, rememberCheckin } from '@/services/checkins';
import { eventsService } from '@/services/events';
import { enqueue } from '@/services/offline-queue';
import { isApiError, type ApiError } from '@/services/request';
import { ensureSignedIn, HOME_PAGE } from '@/services/session';
import { LocationError, getLocation } from '@/services/stations';
import { cameraFailure, scanInBrowser } from '@/lib/browser-scan';

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
    await Taro.showModal({
      title: '已保存签到',
      content: '网络不通，签到已保存在手机上，联网后会自动补交，不用再扫一次。',
      showCancel: false,
      confirmText: '知道了',
    });
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

/** Hosts whose links are ours: the BFF's PUBLIC_URL, and on H5 the page's own origin. */
export function knownOrigins(): string[] {
  const origins = [process.env.TARO_APP_PUBLIC_URL || ''];
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') origins.push(window.location.origin);
  return origins.filter(Boolean);
}

/** How a scan ended: done (a result is showing), or on the way to the sign-in page. */
export type ScanOutcome = 'done' | 'signin' | 'busy';

/**
 * What happens to a scanned or typed station/event code. The one place the check-in feature
 * plugs into; every way of scanning ends here (camera, link `q`, mini-program code scene, typed code).
 */
export async function handleScannedCode(code: string, opts: { clientRequestId?: string } = {}): Promise<ScanOutcome> {
  const trimmed = (code ?? '').trim();
  if (!trimmed) {
    await Taro.showToast({ title: '没有识别到签到码，请再试一次', icon: 'none', duration: 2500 });
    return 'done';
  }
  if (busy) return 'busy';
  const scan = payloadFromScan(trimmed, knownOrigins());
  if (!scan.ok) {
    await showResult({ kind: 'station', status: 'error', code: 'QR_INVALID', message: scan.message });
    return 'done';
  }
  if (scan.qr.kind === 'ticket') {
    await Taro.showToast({ title: TICKET_MESSAGE, icon: 'none', duration: 3500 });
    return 'done';
  }
  if (scan.qr.kind === 'login') {
    // A browser's sign-in code (扫码登录): the person confirms on a page of its own.
    await Taro.navigateTo({ url: `${LOGIN_CONFIRM_PAGE}?code=${encodeURIComponent(scan.payload)}` });
    return 'done';
  }
  busy = true;
  // Signing in first (H5): the sign-in page comes back here with the code and does it then.
  const returnTo = `${HOME_PAGE}?q=${encodeURIComponent(scan.payload)}`;
  try {
    if (scan.qr.kind === 'event-rotating') return await selfCheckin(scan.payload, scan.qr.id, returnTo);
    return await stationCheckin(scan.payload, scan.qr.id, returnTo, opts.clientRequestId);
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

async function stationCheckin(code: string, stationId: number, returnTo: string, givenRequestId?: string): Promise<ScanOutcome> {
  const clientRequestId = givenRequestId ?? newClientRequestId();
  const clientTime = new Date().toISOString();
  let location: CheckinRequest['location'] | undefined;
  let signedInAgain = false;

  void Taro.showLoading({ title: '正在签到…', mask: true });
  try {
    let token: string | null;
    try {
      token = await ensureSignedIn({ returnTo });
    } catch (e) {
      // The mini-program's silent sign-in needs the network too.
      if (isApiError(e) && e.code === 'NETWORK') {
        enqueue({ code, clientRequestId, clientTime });
        await hideLoading();
        await showQueued(stationId);
        return 'done';
      }
      throw e;
    }
    if (!token) return 'signin'; // On the way to the sign-in page.

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
        return 'done';
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
            return 'done';
          }
          void Taro.showLoading({ title: '正在签到…', mask: true });
          continue;
        }
        if (e.code === 'UNAUTHENTICATED' && !signedInAgain) {
          // The stored session expired (the wrapper forgot it): sign in again once and retry.
          signedInAgain = true;
          if (!(await ensureSignedIn({ returnTo }))) return 'signin';
          continue;
        }
        await hideLoading();
        if (e.code === 'NETWORK') {
          enqueue({ code, clientRequestId, clientTime, ...(location ? { location } : {}) });
          await showQueued(stationId);
          return 'done';
        }
        await refusal('station', e, { stationId });
        return 'done';
      }
    }
  } catch (e) {
    await hideLoading();
    await showResult({ kind: 'station', status: 'error', code: 'INTERNAL', message: isApiError(e) ? e.message : ERROR_MESSAGES.INTERNAL, stationId });
    return 'done';
  } finally {
    await hideLoading();
  }
}

async function selfCheckin(code: string, eventId: number, returnTo: string): Promise<ScanOutcome> {
  void Taro.showLoading({ title: '正在签到…', mask: true });
  try {
    if (!(await ensureSignedIn({ returnTo }))) return 'signin';
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
  return 'done';
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

/**
 * Scans with the camera (the mini-program's, or the browser's); without one, opens the code field:
 * `openManual` on the home page itself, else the home page's on its next show.
 */
export async function scanAnywhere(openManual?: () => void): Promise<void> {
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
  if (openManual) return openManual();
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

/** The app's onShow passes a hot start's launch query to the home page under this event name. */
export const SCENE_EVENT = 'xlx:scene';

/** Scenes of 扫普通链接二维码打开小程序 (scan, long-press an image, from the album): they carry `q`. */
export const LINK_SCENES = [1011, 1012, 1013];
/** Scenes of a mini-program code (小程序码): they carry `scene`. */
export const CODE_SCENES = [1047, 1048, 1049];

/** What opened the page: a link (`q`, with WeChat's `scancode_time`) or a mini-program code (`scene`). */
export interface LaunchQuery {
  q?: string;
  scancode_time?: string;
  scene?: string;
}

/** WeChat encodes `q` once; so does the H5 entry. A decoded link is left as it is. */
function decodeOnce(v: string): string {
  if (/^https?:\/\//i.test(v) || !/%[0-9A-Fa-f]{2}/.test(v)) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v; // payloadFromScan refuses what it cannot read
  }
}

/** The scene WeChat says the mini-program was entered by; undefined outside the mini-program. */
export function enterScene(): number | undefined {
  if (!isWeapp) return undefined;
  try {
    const o = Taro.getEnterOptionsSync ? Taro.getEnterOptionsSync() : Taro.getLaunchOptionsSync();
    return typeof o?.scene === 'number' ? o.scene : undefined;
  } catch {
    return undefined;
  }
}

const handled = new Map<string, number>();
const DEDUPE_WITHOUT_TIME_MS = 15_000;
const PENDING_KEY = 'xlx.linkScan';
const PENDING_MAX_AGE_MS = 10 * 60 * 1000;

interface PendingScan {
  payload: string;
  clientRequestId: string;
  at: number;
}

/**
 * The request id of a link's check-in, kept until it has an answer: a reload (H5) or a restart in
 * the middle sends the same id, so the BFF answers with the same check-in, never a second one.
 */
function requestIdFor(payload: string): string {
  try {
    const p = Taro.getStorageSync(PENDING_KEY) as PendingScan | '';
    if (p && p.payload === payload && Date.now() - p.at < PENDING_MAX_AGE_MS) return p.clientRequestId;
  } catch {
    // Storage blocked: a fresh id; the BFF's dedupe window still answers "already signed in".
  }
  const next: PendingScan = { payload, clientRequestId: newClientRequestId(), at: Date.now() };
  try {
    Taro.setStorageSync(PENDING_KEY, next);
  } catch {
    // See above.
  }
  return next.clientRequestId;
}

function forgetPending(): void {
  try {
    Taro.removeStorageSync(PENDING_KEY);
  } catch {
    // Nothing kept.
  }
}

/**
 * The app was opened from a scanned code: a link (`q`, cold start in the page's onLoad, hot start
 * through the app's onShow, or the H5 app opened at the link) or a mini-program code (`scene`).
 * The same scan can arrive twice (app show and page load): it is handled once, keyed by the link
 * and WeChat's scan time. On the mini-program, a `q` counts only when WeChat says a scan opened it.
 */
export async function handleLaunchQuery(query: LaunchQuery | undefined | null, scene = enterScene()): Promise<void> {
  if (!query) return;
  let raw: string | null = null;
  if (query.q) {
    if (scene !== undefined && !LINK_SCENES.includes(scene)) return; // e.g. a forwarded page, not a scan
    raw = decodeOnce(String(query.q));
  } else if (query.scene) {
    if (scene !== undefined && !CODE_SCENES.includes(scene)) return;
    raw = decodeOnce(String(query.scene));
  }
  if (!raw) return;
  const time = query.scancode_time ? String(query.scancode_time) : '';
  const key = `${raw}|${time}`;
  const now = Date.now();
  const last = handled.get(key);
  if (last !== undefined && (time || now - last < DEDUPE_WITHOUT_TIME_MS)) return;
  handled.set(key, now);

  const scan = payloadFromScan(raw, knownOrigins());
  const clientRequestId = scan.ok ? requestIdFor(scan.payload) : undefined;
  const outcome = await handleScannedCode(raw, { clientRequestId });
  // Sent to the sign-in page first: the same scan runs again when it comes back.
  if (outcome === 'signin' || outcome === 'busy') handled.delete(key);
  else forgetPending();
}

/** A mini-program code's `scene` alone. */
export function handleScene(scene: string | undefined | null): Promise<void> {
  return handleLaunchQuery(scene ? { scene } : null);
}
