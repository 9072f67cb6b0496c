import { z } from 'zod';
import { IdParamSchema } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import type { AttendanceService } from '../services/attendance.service';
import type { StationService } from '../services/station.service';
import type { WxacodeService } from '../services/wxacode.service';

/** Mini-program codes (小程序码) of an organiser's station and event self check-in: PNG images. */
export function wxacodeRoutes(api: ApiRouter, wxacodes: WxacodeService, stations: StationService, attendance: AttendanceService): void {
  const errors = ['NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE'] as const;
  api
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/stations/:id/wxacode.png',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: z.string(),
        produces: 'image/png',
        summary: "Mini-program code (小程序码) of a station's printed code; 404 when WeChat credentials are not configured",
        errors: [...errors],
      },
      async (ctx, { params }) => {
        const { payload } = await stations.printedCode(ctx.state.user!, params.id);
        const png = await wxacodes.forPayload(payload);
        ctx.set('Cache-Control', 'private, max-age=3600');
        return png;
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/events/:id/wxacode.png',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: z.string(),
        produces: 'image/png',
        summary: "Mini-program code of the event's current rotating self check-in code (changes every 30 s)",
        errors: [...errors],
      },
      async (ctx, { params }) => {
        const { payload } = await attendance.rotatingCode(ctx.state.user!, params.id);
        const png = await wxacodes.forPayload(payload);
        ctx.set('Cache-Control', 'no-store');
        return png;
      },
    );
}
