import Taro from '@tarojs/taro';
import type * as z from 'zod/mini';
import {
  ERROR_MESSAGES,
  type CallResponse,
  type Attendance,
  type Dashboard,
  type DoorCounts,
  type DoorScanHistory,
  type DoorScanResult,
  type DoorSearch,
  type MemberCardResult,
  type Event,
  type EventInput,
  type EventList,
  type EventPatch,
  type KioskCode,
  type KioskLink,
  type Ok,
  type PrintedCode,
  type OrganisationList,
  type Station,
  type StationInput,
  type StationList,
  type StationPatch,
  type StationStats,
  type WorkerRequest,
  type MatchReportListSchema,
  type MatchSettings,
  type MatchStatsSchema,
  type MembershipSchema,
  type RequestStatsSchema,
} from '@xlx/shared';
import { call, routeUrl, type ApiRoutes } from './api';
import { API_BASE, ApiError, NETWORK_MESSAGE, type ApiErrorCode } from './request';
import { clearToken, getToken } from './token';
import { color } from '../styles/tokens';

export type KioskLinkItem = CallResponse<ApiRoutes['get /api/v1/organiser/stations/:id/kiosk-links']>['items'][number];

export type RequestStatusValue = WorkerRequest['status'];
export type RequestCategory = WorkerRequest['category'];
export type RequestStats = z.infer<typeof RequestStatsSchema>;
export type RequestStatsRow = RequestStats['items'][number];

/** What GET /organiser/requests can filter on (one status, or overdue, within an organisation subtree). */
export interface RequestQuery {
  status?: RequestStatusValue;
  overdue?: boolean;
  organisationId?: number;
}

/** Recorded by an organiser for a request received in person (channel offline). */
export interface OfflineRequestInput {
  category: RequestCategory;
  text: string;
  organisationId: number;
  stationId?: number | null;
  reporterName?: string;
}

export type Membership = z.infer<typeof MembershipSchema>;
export type MembershipStatus = Membership['status'];

export type MatchStats = z.infer<typeof MatchStatsSchema>;
export type MatchReport = z.infer<typeof MatchReportListSchema>['items'][number];

export type AttendanceStatusFilter = 'confirmed' | 'waitlisted' | 'cancelled' | 'checked_in' | 'not_arrived' | 'no_show';

/** Every organiser call of the API (all need an organiser grant, except the public kiosk code). */
const DOOR_DEVICE_KEY = 'xlx.doorDevice';

/** This phone or browser as a door device: a random id it keeps, and its clock now (both go into the scan history). */
function doorDevice(): { deviceId: string; deviceTime: string } {
  let deviceId = '';
  try {
    deviceId = String(Taro.getStorageSync(DOOR_DEVICE_KEY) || '');
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(deviceId)) {
      deviceId = `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
      Taro.setStorageSync(DOOR_DEVICE_KEY, deviceId);
    }
  } catch {
    deviceId = 'unknown';
  }
  return { deviceId, deviceTime: new Date().toISOString() };
}

export const organiserService = {
  /** All unions (public); the forms offer my granted ones and their descendants. */
  organisations: (): Promise<OrganisationList> => call('get /api/v1/organisations', {}, { auth: false }),

  // Stations
  stations: (organisationId?: number): Promise<StationList> => call('get /api/v1/organiser/stations', { query: organisationId ? { organisationId } : {} }),
  station: (id: number): Promise<Station> => call('get /api/v1/organiser/stations/:id', { params: { id } }),
  createStation: (input: StationInput): Promise<Station> => call('post /api/v1/organiser/stations', { body: input }),
  updateStation: (id: number, patch: StationPatch): Promise<Station> => call('patch /api/v1/organiser/stations/:id', { params: { id }, body: patch }),
  printedCode: (id: number): Promise<PrintedCode> => call('get /api/v1/organiser/stations/:id/code', { params: { id } }),
  /** Voids every printed code of the station: the old posters stop working. */
  renewPrintedCode: (id: number): Promise<Ok> => call('post /api/v1/organiser/stations/:id/code/renew', { params: { id } }),
  stationRotatingCode: (id: number): Promise<KioskCode> => call('get /api/v1/organiser/stations/:id/rotating-code', { params: { id } }),
  createKioskLink: (stationId: number): Promise<KioskLink> => call('post /api/v1/organiser/stations/:id/kiosk-links', { params: { id: stationId } }),
  kioskLinks: (stationId: number): Promise<{ items: KioskLinkItem[] }> => call('get /api/v1/organiser/stations/:id/kiosk-links', { params: { id: stationId } }),
  revokeKioskLink: (linkId: number): Promise<Ok> => call('delete /api/v1/organiser/kiosk-links/:id', { params: { id: linkId } }),
  /** Public: a kiosk link works on a screen nobody signed in to. */
  kioskCode: (token: string): Promise<KioskCode> => call('get /api/v1/kiosk/:token', { params: { token } }, { auth: false }),
  stationStats: (id: number): Promise<StationStats> => call('get /api/v1/organiser/stations/:id/stats', { params: { id } }),
  organisationStats: (organisationId: number): Promise<StationStats> =>
    call('get /api/v1/organiser/organisations/:id/visit-stats', { params: { id: organisationId } }),

  // Events
  events: (): Promise<EventList> => call('get /api/v1/organiser/events', {}),
  event: (id: number): Promise<Event> => call('get /api/v1/organiser/events/:id', { params: { id } }),
  createEvent: (input: EventInput): Promise<Event> => call('post /api/v1/organiser/events', { body: input }),
  updateEvent: (id: number, patch: EventPatch): Promise<Event> => call('patch /api/v1/organiser/events/:id', { params: { id }, body: patch }),
  publishEvent: (id: number): Promise<Event> => call('post /api/v1/organiser/events/:id/publish', { params: { id } }),
  cancelEvent: (id: number, reason: string): Promise<Event> => call('post /api/v1/organiser/events/:id/cancel', { params: { id }, body: { reason } }),
  /** `override`: the organiser admits this ticket outside the door's hours on purpose (recorded). */
  scanTicket: (eventId: number, code: string, override = false): Promise<DoorScanResult> =>
    call('post /api/v1/organiser/events/:id/scan', { params: { id: eventId }, body: { code, ...(override ? { override } : {}), ...doorDevice() } }),
  manualCheckin: (eventId: number, registrationId: number, override = false): Promise<DoorScanResult> =>
    call('post /api/v1/organiser/events/:id/registrations/:registrationId/checkin', {
      params: { id: eventId, registrationId },
      body: { ...(override ? { override } : {}), ...doorDevice() },
    }),
  scanHistory: (eventId: number): Promise<DoorScanHistory> => call('get /api/v1/organiser/events/:id/scans', { params: { id: eventId }, query: {} }),
  doorSearch: (eventId: number, q: string): Promise<DoorSearch> =>
    call('get /api/v1/organiser/events/:id/attendees', { params: { id: eventId }, query: { q } }),
  doorCounts: (eventId: number, since?: string): Promise<DoorCounts> =>
    call('get /api/v1/organiser/events/:id/door-counts', { params: { id: eventId }, query: since ? { since } : {} }),
  undoCheckin: (eventId: number, registrationId: number): Promise<Ok> =>
    call('post /api/v1/organiser/events/:id/registrations/:registrationId/undo-checkin', { params: { id: eventId, registrationId }, body: doorDevice() }),
  eventRotatingCode: (eventId: number): Promise<KioskCode> => call('get /api/v1/organiser/events/:id/rotating-code', { params: { id: eventId } }),
  attendance: (eventId: number, query: { q?: string; status?: AttendanceStatusFilter } = {}): Promise<Attendance> =>
    call('get /api/v1/organiser/events/:id/attendance', {
      params: { id: eventId },
      query: { ...(query.q ? { q: query.q } : {}), ...(query.status ? { status: query.status } : {}) },
    }),

  // Dashboard
  dashboard: (organisationId: number): Promise<Dashboard> => call('get /api/v1/organiser/organisations/:id/dashboard', { params: { id: organisationId } }),
  requestStats: (organisationId?: number): Promise<RequestStats> =>
    call('get /api/v1/organiser/requests/stats', { query: organisationId ? { organisationId } : {} }),

  // Requests (诉求) addressed to my organisations' subtree
  requests: (query: RequestQuery = {}): Promise<{ items: WorkerRequest[] }> =>
    call('get /api/v1/organiser/requests', {
      query: {
        ...(query.status ? { status: query.status } : {}),
        ...(query.overdue ? { overdue: 'true' as const } : {}),
        ...(query.organisationId ? { organisationId: query.organisationId } : {}),
      },
    }),
  request: (id: number): Promise<WorkerRequest> => call('get /api/v1/organiser/requests/:id', { params: { id } }),
  recordRequest: (input: OfflineRequestInput): Promise<WorkerRequest> => call('post /api/v1/organiser/requests', { body: input }),
  assignRequest: (id: number, assigneeId: number): Promise<WorkerRequest> =>
    call('post /api/v1/organiser/requests/:id/assign', { params: { id }, body: { assigneeId } }),
  replyRequest: (id: number, text: string): Promise<WorkerRequest> => call('post /api/v1/organiser/requests/:id/replies', { params: { id }, body: { text } }),
  setRequestStatus: (id: number, status: 'in_progress' | 'resolved' | 'closed'): Promise<WorkerRequest> =>
    call('post /api/v1/organiser/requests/:id/status', { params: { id }, body: { status } }),

  // Membership applications (phones masked)
  memberships: (status?: MembershipStatus, organisationId?: number): Promise<{ items: Membership[] }> =>
    call('get /api/v1/organiser/memberships', { query: { ...(status ? { status } : {}), ...(organisationId ? { organisationId } : {}) } }),
  approveMembership: (id: number): Promise<Membership> => call('post /api/v1/organiser/memberships/:id/approve', { params: { id } }),
  rejectMembership: (id: number, reason: string): Promise<Membership> =>
    call('post /api/v1/organiser/memberships/:id/reject', { params: { id }, body: { reason } }),
  revokeMembership: (id: number): Promise<Membership> => call('post /api/v1/organiser/memberships/:id/revoke', { params: { id } }),
  verifyMemberCard: (code: string): Promise<MemberCardResult> => call('post /api/v1/organiser/member-cards/verify', { body: { code } }),

  // Matchmaking socials: counts only, never who picked whom
  matchSettings: (eventId: number): Promise<MatchSettings> => call('get /api/v1/organiser/events/:id/match-settings', { params: { id: eventId } }),
  saveMatchSettings: (eventId: number, settings: MatchSettings): Promise<MatchSettings> =>
    call('put /api/v1/organiser/events/:id/match-settings', { params: { id: eventId }, body: settings }),
  matchStats: (eventId: number): Promise<MatchStats> => call('get /api/v1/organiser/events/:id/match-stats', { params: { id: eventId } }),
  matchReports: (eventId: number): Promise<{ items: MatchReport[] }> => call('get /api/v1/organiser/events/:id/match-reports', { params: { id: eventId } }),
  handleMatchReport: (eventId: number, reportId: number): Promise<Ok> =>
    call('post /api/v1/organiser/events/:id/match-reports/:reportId/handle', { params: { id: eventId, reportId } }),
};

// ---------------------------------------------------------------------------------------------
// Downloads (CSV, printable SVG): they need the bearer token, so no plain link will do.

export const downloadPaths = {
  stationCodeSvg: (id: number, paper: 'a4' | 'a5' = 'a4') => routeUrl('get /api/v1/organiser/stations/:id/code.svg', { params: { id }, query: { paper } }),
  stationVisitsCsv: (id: number, from: string, to: string) =>
    routeUrl('get /api/v1/organiser/stations/:id/visits.csv', { params: { id }, query: { from, to } }),
  organisationVisitsCsv: (id: number, from: string, to: string) =>
    routeUrl('get /api/v1/organiser/organisations/:id/visits.csv', { params: { id }, query: { from, to } }),
  attendanceCsv: (eventId: number) => routeUrl('get /api/v1/organiser/events/:id/attendance.csv', { params: { id: eventId } }),
};

/** What a download ended in, for the page to tell the organiser. */
export type DownloadOutcome = 'saved' | 'shared' | 'desktop-only' | 'denied';
export type { PrintedCode };

function fileNameFrom(disposition: string | null | undefined, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

function errorFromBody(status: number, body: unknown): ApiError {
  const e = (body as { error?: { code?: string; message?: string; details?: unknown; requestId?: string } } | null)?.error;
  const code = (
    e?.code && e.code in ERROR_MESSAGES ? e.code : status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : 'INTERNAL'
  ) as ApiErrorCode;
  if (status === 401) clearToken();
  return new ApiError({
    code,
    status,
    message: e?.message || ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES] || NETWORK_MESSAGE,
    details: e?.details,
    requestId: e?.requestId,
  });
}

/** H5: fetch with the token, then save through a Blob URL and <a download>. */
async function downloadInBrowser(path: string, fallbackName: string): Promise<DownloadOutcome> {
  const token = getToken();
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/api/v1${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError({ code: 'NETWORK', status: 0, message: NETWORK_MESSAGE });
  }
  if (!res.ok) {
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      // not JSON
    }
    throw errorFromBody(res.status, body);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFrom(res.headers.get('content-disposition'), fallbackName);
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  document.body.removeChild(a);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return 'saved';
}

/** Mini-program: Taro.downloadFile with the token; the caller decides what to do with the file. */
async function downloadToTemp(url: string, withAuth: boolean): Promise<string> {
  const token = getToken();
  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url, header: withAuth && token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError({ code: 'NETWORK', status: 0, message: NETWORK_MESSAGE });
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw errorFromBody(res.statusCode, null);
  return res.tempFilePath;
}

/**
 * A CSV export. H5 saves the file; the mini-program cannot open CSV files, so it offers to
 * send the file to a chat (e.g. 文件传输助手) and otherwise says to export from a computer.
 */
export async function downloadCsv(path: string, fallbackName: string): Promise<DownloadOutcome> {
  if (process.env.TARO_ENV === 'h5') return downloadInBrowser(path, fallbackName);
  const tempFilePath = await downloadToTemp(`${API_BASE}/api/v1${path}`, true);
  const share = (Taro as unknown as { shareFileMessage?: (o: { filePath: string; fileName: string }) => Promise<unknown> }).shareFileMessage;
  if (typeof share === 'function') {
    try {
      await share({ filePath: tempFilePath, fileName: fallbackName });
      return 'shared';
    } catch {
      // cancelled or unsupported: fall through to the hint
    }
  }
  return 'desktop-only';
}

/**
 * The station poster. H5 saves the printable SVG (A4 or A5, at its real size); the mini-program
 * draws a poster image (union, station, code, typed code, one line of instructions) and saves it
 * to the photo album.
 */
export async function downloadPrintableCode(code: PrintedCode & { stationId: number }, paper: 'a4' | 'a5' = 'a4'): Promise<DownloadOutcome> {
  if (process.env.TARO_ENV === 'h5')
    return downloadInBrowser(downloadPaths.stationCodeSvg(code.stationId, paper), `${code.stationName}-签到海报-${paper.toUpperCase()}.svg`);
  const qrFile = await downloadToTemp(`${API_BASE}/api/v1${routeUrl('get /api/v1/qr/:payload.png', { params: { payload: code.payload } })}`, false);
  let poster: string;
  try {
    poster = await drawPosterImage(qrFile, code);
  } catch {
    return 'desktop-only';
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: poster });
    return 'saved';
  } catch {
    return 'denied';
  }
}

/**
 * Mini-program: the poster as a PNG, drawn on an offscreen 2D canvas (base library 2.16.1+).
 * Exported through toDataURL and a file, since iOS cannot export an offscreen canvas with
 * canvasToTempFilePath.
 */
async function drawPosterImage(qrFile: string, code: PrintedCode): Promise<string> {
  const W = 1080;
  const H = 1520;
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: W, height: H }) as unknown as {
    getContext: (t: '2d') => CanvasRenderingContext2D;
    createImage: () => { onload: () => void; onerror: (e: unknown) => void; src: string };
    toDataURL: (type?: string) => string;
  };
  const ctx = canvas.getContext('2d');
  const img = canvas.createImage();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = reject;
    img.src = qrFile;
  });
  ctx.fillStyle = color.surface;
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = color.primary;
  ctx.fillRect(0, 0, W, 90);
  ctx.textAlign = 'center';
  const text = (s: string, y: number, size: number, colour: string = color.text, bold = false) => {
    ctx.fillStyle = colour;
    ctx.font = `${bold ? 'bold ' : ''}${size}px sans-serif`;
    ctx.fillText(s, W / 2, y, W - 80);
  };
  text(code.organisationName, 62, 40, color.surface, true);
  text(code.stationName, 190, 68, color.text, true);
  text('职工驿站 · 扫码签到', 260, 40, color.primary);
  ctx.drawImage(img as unknown as CanvasImageSource, 160, 300, 760, 760);
  text('打开微信“扫一扫”或手机相机扫码签到', 1130, 46, color.text, true);
  text('扫不了？打开心连新小程序“扫码签到”，输入签到码：', 1200, 32, color.textSubtle);
  text(code.typedCode, 1290, 64, color.text, true);
  const base64 = canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  const file = `${(Taro as unknown as { env: { USER_DATA_PATH: string } }).env.USER_DATA_PATH}/poster-${Date.now()}.png`;
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({ filePath: file, data: base64, encoding: 'base64', success: () => resolve(), fail: reject });
  });
  return file;
}
