import { wxacodeContracts as C } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import type { AttendanceService } from '../services/attendance.service';
import type { StationService } from '../services/station.service';
import type { WxacodeService } from '../services/wxacode.service';

/** Mini-program codes (小程序码) of an organiser's station and event self check-in: PNG images. */
export function wxacodeRoutes(api: ApiRouter, wxacodes: WxacodeService, stations: StationService, attendance: AttendanceService): void {
  api
    .route(C.stationWxacode, async (ctx, { params }) => {
      const { payload } = await stations.printedCode(ctx.state.user!, params.id);
      const png = await wxacodes.forPayload(payload);
      ctx.set('Cache-Control', 'private, max-age=3600');
      return png;
    })
    .route(C.eventWxacode, async (ctx, { params }) => {
      const { payload } = await attendance.rotatingCode(ctx.state.user!, params.id);
      const png = await wxacodes.forPayload(payload);
      ctx.set('Cache-Control', 'no-store');
      return png;
    });
}
