/**
 * QR payloads: short ASCII strings with a version prefix, at most 32 characters so that they
 * also fit the `scene` of a WeChat mini-program code (digits, letters and !#$&'()*+,/:;=?@-._~).
 *
 *   S1.<station>.<sig>            printed station code
 *   R1.<station>.<window>.<sig>   rotating station code (window = floor(unix seconds / 30))
 *   T1.<registration>.<sig>       event ticket
 *   E1.<event>.<window>.<sig>     rotating event self check-in code
 *   L1.<ticket>.<sig>             a browser's sign-in code (扫码登录), approved in the mini-program
 *
 * Ids and windows are base-36; <sig> is a truncated HMAC-SHA256 in base64url, computed by the
 * BFF with the object's own secret (for a sign-in code: a random nonce kept with the ticket).
 * This module only formats and parses; it never signs.
 */
export const QR_MAX_LENGTH = 32;
export const QR_SIG_LENGTH = 12;
/** Seconds each rotating code is valid for; the BFF also accepts the previous window. */
export const QR_ROTATION_SECONDS = 30;

export type QrKind = 'station' | 'station-rotating' | 'ticket' | 'event-rotating' | 'login';

const PREFIX: Record<QrKind, string> = { station: 'S1', 'station-rotating': 'R1', ticket: 'T1', 'event-rotating': 'E1', login: 'L1' };
const KIND_BY_PREFIX: Record<string, QrKind> = Object.fromEntries(Object.entries(PREFIX).map(([k, v]) => [v, k as QrKind]));
const ROTATING = new Set<QrKind>(['station-rotating', 'event-rotating']);

export interface QrPayload {
  kind: QrKind;
  /** Station, registration, event or sign-in ticket id. */
  id: number;
  /** Time window, for rotating codes. */
  window?: number;
  sig: string;
}

/** The signed part of a payload: everything before the last dot. */
export function qrSigningInput(p: Omit<QrPayload, 'sig'>): string {
  const parts = [PREFIX[p.kind], p.id.toString(36)];
  if (ROTATING.has(p.kind)) parts.push((p.window ?? 0).toString(36));
  return parts.join('.');
}

export function encodeQr(p: QrPayload): string {
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
  // A scanned mini-program link may carry the payload as ?scene=… or ?code=…
  const query = /[?&](?:scene|code)=([^&#]+)/.exec(text);
  if (query) text = query[1];
  if (text.length > QR_MAX_LENGTH) return null;
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
