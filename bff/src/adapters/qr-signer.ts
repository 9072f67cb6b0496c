import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { QR_SIG_LENGTH, QR_TYPED_DIGITS, qrSigningInput, encodeQr, type QrPayload } from '@xlx/shared';

/** A fresh per-object signing key (station, event): 256 bits, hex. */
export function newQrSecret(): string {
  return randomBytes(32).toString('hex');
}

function sig(secret: string, p: Omit<QrPayload, 'sig'>): string {
  const mac = createHmac('sha256', secret).update(qrSigningInput(p), 'utf8').digest();
  // The typed fallback code: digits a worker can key in on a phone's number pad.
  if (p.kind === 'station-typed') return String(mac.readUInt32BE(0) % 10 ** QR_TYPED_DIGITS).padStart(QR_TYPED_DIGITS, '0');
  return mac.toString('base64url').slice(0, QR_SIG_LENGTH);
}

/** Encodes a payload signed with `secret`. */
export function signQr(secret: string, p: Omit<QrPayload, 'sig'>): string {
  return encodeQr({ ...p, sig: sig(secret, p) });
}

/** Constant-time check of a parsed payload's signature. */
export function verifyQr(secret: string, p: QrPayload): boolean {
  const expected = Buffer.from(sig(secret, p));
  const given = Buffer.from(p.sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
