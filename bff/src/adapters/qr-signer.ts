import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { QR_SIG_LENGTH, qrSigningInput, encodeQr, type QrPayload } from '@xlx/shared';

/** A fresh per-object signing key (station, event): 256 bits, hex. */
export function newQrSecret(): string {
  return randomBytes(32).toString('hex');
}

function sig(secret: string, input: string): string {
  return createHmac('sha256', secret).update(input, 'utf8').digest('base64url').slice(0, QR_SIG_LENGTH);
}

/** Encodes a payload signed with `secret`. */
export function signQr(secret: string, p: Omit<QrPayload, 'sig'>): string {
  return encodeQr({ ...p, sig: sig(secret, qrSigningInput(p)) });
}

/** Constant-time check of a parsed payload's signature. */
export function verifyQr(secret: string, p: QrPayload): boolean {
  const expected = Buffer.from(sig(secret, qrSigningInput(p)));
  const given = Buffer.from(p.sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
