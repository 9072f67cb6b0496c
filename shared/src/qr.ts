/**
 * QR payloads: short ASCII strings with a version prefix, at most 32 characters so that they
 * also fit the `scene` of a WeChat mini-program code (digits, letters and !#$&'()*+,/:;=?@-._~).
 *
 *   S1.<station>.<sig>            printed station code
 *   R1.<station>.<window>.<sig>   rotating station code (window = floor(unix seconds / 30))
 *   T1.<registration>.<sig>       event ticket
 *   E1.<event>.<window>.<sig>     rotating event self check-in code
 *   <station>-<6 digits>          the printed code's typeable fallback (decimal id, digits only)
 *   L1.<ticket>.<sig>             a browser's sign-in code (扫码登录), approved in the mini-program
 *   M1.<membership>.<sig>         a member card, verified by an organiser (核验会员)
 *
 * Ids and windows are base-36; <sig> is a truncated HMAC-SHA256 in base64url, computed by the
 * BFF with the object's own secret (for a sign-in code: a random nonce kept with the ticket; for a
 * member card: the BFF's member-card key).
 * This module only formats and parses; it never signs.
 */
export const QR_MAX_LENGTH = 32;
export const QR_SIG_LENGTH = 12;
/** Seconds each rotating code is valid for; the BFF also accepts the previous window. */
export const QR_ROTATION_SECONDS = 30;

export type QrKind = 'station' | 'station-typed' | 'station-rotating' | 'ticket' | 'event-rotating' | 'login' | 'member';

const PREFIX: Record<QrKind, string> = {
  station: 'S1',
  'station-typed': 'S1',
  'station-rotating': 'R1',
  ticket: 'T1',
  'event-rotating': 'E1',
  login: 'L1',
  member: 'M1',
};
const KIND_BY_PREFIX: Record<string, QrKind> = { S1: 'station', R1: 'station-rotating', T1: 'ticket', E1: 'event-rotating', L1: 'login', M1: 'member' };
/** Digits of a typed code: 10^6 guesses per station, behind the check-in rate limit. */
export const QR_TYPED_DIGITS = 6;
const ROTATING = new Set<QrKind>(['station-rotating', 'event-rotating']);

export interface QrPayload {
  kind: QrKind;
  /** Station, registration, event, sign-in ticket or membership id. */
  id: number;
  /** Time window, for rotating codes. */
  window?: number;
  sig: string;
}

/** The signed part of a payload: everything before the last dot. */
export function qrSigningInput(p: Omit<QrPayload, 'sig'>): string {
  const parts = [PREFIX[p.kind], p.id.toString(36)];
  if (ROTATING.has(p.kind)) parts.push((p.window ?? 0).toString(36));
  // The typed code is signed apart from the printed one: its digits are not a prefix of that sig.
  if (p.kind === 'station-typed') parts.push('typed');
  return parts.join('.');
}

export function encodeQr(p: QrPayload): string {
  if (p.kind === 'station-typed') return `${p.id}-${p.sig}`;
  return `${qrSigningInput(p)}.${p.sig}`;
}

export function rotationWindow(at: Date): number {
  return Math.floor(at.getTime() / 1000 / QR_ROTATION_SECONDS);
}

const ID36 = /^[0-9a-z]{1,8}$/;
const SIG = new RegExp(`^[A-Za-z0-9_-]{${QR_SIG_LENGTH}}$`);

/**
 * Parses a scanned string; returns null for anything that is not one of our payloads.
 * Accepts the payload alone or URL-encoded (a mini-program code's `scene` arrives encoded).
 */
export function parseQr(raw: string): QrPayload | null {
  if (typeof raw !== 'string') return null;
  let text = raw.trim();
  if (text.length > QR_MAX_LENGTH * 3) return null;
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return null;
    }
  }
  if (text.length > QR_MAX_LENGTH) return null;
  const typed = parseTyped(text);
  if (typed) return typed;
  const parts = text.split('.');
  const kind = KIND_BY_PREFIX[parts[0]];
  if (!kind) return null;
  const rotating = ROTATING.has(kind);
  if (parts.length !== (rotating ? 4 : 3)) return null;
  const [, id36, ...rest] = parts;
  const sig = rest[rest.length - 1];
  if (!ID36.test(id36) || !SIG.test(sig)) return null;
  const id = parseInt(id36, 36);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const payload: QrPayload = { kind, id, sig };
  if (rotating) {
    if (!ID36.test(rest[0])) return null;
    payload.window = parseInt(rest[0], 36);
  }
  return payload;
}

const TYPED = new RegExp(`^(\\d{1,9})[-\\s_]+(\\d{${QR_TYPED_DIGITS}})$`);

/** "12-345678", also typed with full-width digits or dash, or a space, as people do. */
function parseTyped(text: string): QrPayload | null {
  const ascii = text.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48)).replace(/[\uff0d\u2010-\u2015\u2212]/g, '-');
  const m = TYPED.exec(ascii);
  if (!m) return null;
  const id = parseInt(m[1], 10);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return { kind: 'station-typed', id, sig: m[2] };
}

// ---------------------------------------------------------------------------------------------
// Links: what a person scans with their own phone.
//
//   <PUBLIC_URL>/q/<payload>     e.g. https://xlx.example.org/q/S1.1.LtfXab12_-Cd
//
// WeChat's 扫一扫 opens the mini-program from it (URL prefix rule `<PUBLIC_URL>/q/`, the link
// arrives as `q`), any other camera opens it in a browser, where the BFF answers with the H5 app.
// The payload needs no escaping (letters, digits, '.', '_' and '-'), so the link is short: with a
// 24-character host it is 44-50 characters, a version 4 QR code (33 modules) at level M.

/** The path every scannable link starts with, after PUBLIC_URL (also the WeChat rule's folder). */
export const QR_LINK_PATH = '/q/';

/** The scannable link of a payload. `publicUrl` is the BFF's PUBLIC_URL, without a trailing slash. */
export function linkForPayload(publicUrl: string, payload: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${QR_LINK_PATH}${payload}`;
}

/** Why a scanned text was refused; each has a message that says what to do. */
export type ScanRefusal = 'empty' | 'foreign' | 'unknown-path' | 'invalid';

export const SCAN_REFUSAL_MESSAGES: Record<ScanRefusal, string> = {
  empty: '没有识别到签到码，请再试一次',
  foreign: '这不是心连新的签到码（来自其他网站或小程序），请扫描驿站墙上或屏幕上的心连新二维码',
  'unknown-path': '这个链接不是心连新的签到码，请扫描驿站墙上或屏幕上的心连新二维码',
  invalid: '无法识别这个二维码，请扫描驿站墙上或屏幕上的心连新签到码',
};

export type ScanResult = { ok: true; payload: string; qr: QrPayload } | { ok: false; reason: ScanRefusal; message: string };

const refuse = (reason: ScanRefusal): ScanResult => ({ ok: false, reason, message: SCAN_REFUSAL_MESSAGES[reason] });
const LINK = /^(https?:\/\/[^/?#\s]+)(\/[^?#\s]*)?(\?[^#\s]*)?(#\S*)?$/i;

/** "https://Host:443/" → "https://host"; the default port dropped, as a browser's origin has it. */
export function normaliseOrigin(url: string): string {
  const m = /^(https?):\/\/([^/?#\s]+)/i.exec(url.trim());
  if (!m) return '';
  const scheme = m[1].toLowerCase();
  let host = m[2].toLowerCase();
  if ((scheme === 'https' && host.endsWith(':443')) || (scheme === 'http' && host.endsWith(':80'))) host = host.replace(/:\d+$/, '');
  return `${scheme}://${host}`;
}

/**
 * What a scan, a `q` or a `scene` holds, reduced to one of our payloads. Accepts:
 * - a link `<origin>/q/<payload>` whose origin is one of `origins` (our PUBLIC_URL; on H5 also
 *   the page's own origin); another host is somebody else's code, another path is not a code;
 * - a mini-program code's path as `Taro.scanCode` reports it (`pages/…?scene=<payload>`);
 * - the payload alone, URL-encoded or not (a `scene`), or the typed fallback code.
 */
export function payloadFromScan(raw: string | null | undefined, origins: readonly string[]): ScanResult {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!text) return refuse('empty');
  if (text.length > 500) return refuse('invalid');
  let candidate = text;
  const link = LINK.exec(text);
  if (link) {
    const allowed = new Set(origins.map(normaliseOrigin).filter(Boolean));
    if (!allowed.has(normaliseOrigin(link[1]))) return refuse('foreign');
    const path = link[2] ?? '/';
    if (!path.startsWith(QR_LINK_PATH)) return refuse('unknown-path');
    candidate = path.slice(QR_LINK_PATH.length);
    if (!candidate || candidate.includes('/')) return refuse('unknown-path');
  } else if (/^https?:/i.test(text) || /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return refuse('foreign');
  } else if (/^\/?(?:pages|organiser)\/[^?]*\?/.test(text)) {
    // A mini-program code scanned in the app: its page path with the scene.
    const scene = /[?&]scene=([^&#]+)/.exec(text);
    if (!scene) return refuse('invalid');
    candidate = scene[1];
  }
  const qr = parseQr(candidate);
  return qr ? { ok: true, payload: encodeQr(qr), qr } : refuse('invalid');
}
