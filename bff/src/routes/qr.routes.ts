import { qrContracts as C, linkForPayload, parseQr } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { AppError } from '../lib/app-error';
import { qrPng } from '../lib/qr-image';

/**
 * Draws a QR image of one of our own payloads (a ticket, a rotating code), so that the
 * mini-program and H5 show codes with a plain <Image> and ship no QR encoder. It only draws
 * what the caller already holds; anything that is not one of our payloads is refused.
 * Station and event codes are drawn as their link under PUBLIC_URL (what 扫一扫 opens);
 * tickets stay bare payloads, read only by the door's scanner.
 */
export function qrRoutes(api: ApiRouter, publicUrl: () => string): void {
  api.route(C.qrPng, async (ctx, { params: { payload } }) => {
    const parsed = parseQr(payload);
    if (!parsed || parsed.kind === 'station-typed') throw new AppError('QR_INVALID', '无法生成该二维码');
    // Rotating codes change every 30 s; tickets and printed codes do not.
    ctx.set('Cache-Control', parsed.kind === 'ticket' || parsed.kind === 'member' || parsed.kind === 'station' ? 'private, max-age=86400' : 'no-store');
    // A ticket and a member card are read by the organiser's scanner: the bare payload, not a link.
    return qrPng(parsed.kind === 'ticket' || parsed.kind === 'member' ? payload : linkForPayload(publicUrl(), payload));
  });
}
