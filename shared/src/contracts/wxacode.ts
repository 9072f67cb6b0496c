import * as z from 'zod/mini';
import { contract } from '../contract';
import { IdParamSchema } from '../dto/common';
import type { ErrorCode } from '../errors';

/** A mini-program code needs WeChat: unconfigured (404), a closed event (409), WeChat's own limits and outages. */
const WXACODE_ERRORS: ErrorCode[] = ['NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE'];

/** Mini-program codes (小程序码) of an organiser's station and event self check-in: PNG images. */
export const wxacodeContracts = {
  stationWxacode: contract({
    method: 'get',
    path: '/api/v1/organiser/stations/:id/wxacode.png',
    tag: 'organiser',
    access: 'organiser',
    params: IdParamSchema,
    response: z.string(),
    produces: 'image/png',
    summary: "Mini-program code (小程序码) of a station's printed code; 404 when WeChat credentials are not configured",
    errors: WXACODE_ERRORS,
  }),
  eventWxacode: contract({
    method: 'get',
    path: '/api/v1/organiser/events/:id/wxacode.png',
    tag: 'organiser',
    access: 'organiser',
    params: IdParamSchema,
    response: z.string(),
    produces: 'image/png',
    summary: "Mini-program code of the event's current rotating self check-in code (changes every 30 s)",
    errors: WXACODE_ERRORS,
  }),
};
