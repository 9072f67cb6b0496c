import * as z from 'zod/mini';
import { contract } from '../contract';
import { QR_MAX_LENGTH } from '../qr';

export const QrPayloadParamSchema = z.object({
  payload: z.string().check(z.minLength(1), z.maxLength(QR_MAX_LENGTH * 3)),
});

/** QR images of our own payloads (tickets, printed and rotating codes), shown with a plain <Image>. */
export const qrContracts = {
  qrPng: contract({
    method: 'get',
    path: '/api/v1/qr/:payload.png',
    tag: 'qr',
    access: 'public',
    params: QrPayloadParamSchema,
    response: z.string(),
    produces: 'image/png',
    summary: 'PNG image of one of our payloads (ticket, printed or rotating code)',
    errors: ['QR_INVALID'],
  }),
};
