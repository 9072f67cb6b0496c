import {
  organiserStationContracts as C,
  CHINA_OFFSET_MS,
  OCCUPATION_LABELS,
  QR_ROTATION_SECONDS,
  chinaDate,
  chinaHHmm,
  linkForPayload,
  type Occupation,
} from '@xlx/shared';
import type { Clock } from '../adapters/clock';
import type { ApiRouter } from '../lib/api-router';
import { toCsv } from '../lib/csv';
import { utcDate } from '../lib/sql';
import { posterSvg, qrSvg } from '../lib/qr-image';
import { presentStation } from '../presenters/station.presenter';
import type { KioskService, RotatingCode } from '../services/kiosk.service';
import type { WxacodeService } from '../services/wxacode.service';
import type { StationService, StationView } from '../services/station.service';
import type { VisitStatsService } from '../services/visit-stats.service';

/** China-date range [from, to] (inclusive) as UTC instants; defaults to the last 30 days. */
function range(q: { from?: string; to?: string }, now: Date): { from: Date; to: Date } {
  const to = q.to ?? chinaDate(now);
  const from = q.from ?? chinaDate(new Date(now.getTime() - 29 * 24 * 3600 * 1000));
  return {
    from: new Date(Date.parse(`${from}T00:00:00Z`) - CHINA_OFFSET_MS),
    to: new Date(Date.parse(`${to}T00:00:00Z`) - CHINA_OFFSET_MS + 24 * 3600 * 1000),
  };
}

export function organiserStationRoutes(
  api: ApiRouter,
  stations: StationService,
  kiosk: KioskService,
  stats: VisitStatsService,
  clock: Clock,
  publicUrl: () => string,
  wxacodes: WxacodeService,
): void {
  const present = (v: StationView) => presentStation(v.station, { organisationName: v.organisationName, now: clock.now() });
  const presentCode = (c: RotatingCode) => ({
    stationName: c.station.name,
    payload: c.payload,
    link: linkForPayload(publicUrl(), c.payload),
    refreshAt: c.refreshAt.toISOString(),
    rotationSeconds: QR_ROTATION_SECONDS,
  });

  api
    .route(C.listManagedStations, async (ctx, { query }) => ({ items: (await stations.listManaged(ctx.state.user!, query.organisationId)).map(present) }))
    .route(C.createStation, async (ctx, { body }) => present(await stations.create(ctx.state.user!, body)))
    .route(C.getManagedStation, async (ctx, { params }) =>
      present(await stations.get((await stations.getManaged(ctx.state.user!, params.id)).id, undefined, true)),
    )
    .route(C.updateStation, async (ctx, { params, body }) => present(await stations.update(ctx.state.user!, params.id, body)))
    .route(C.printedCode, async (ctx, { params }) => {
      const c = await stations.printedCode(ctx.state.user!, params.id);
      return {
        payload: c.payload,
        link: linkForPayload(publicUrl(), c.payload),
        typedCode: c.typedCode,
        stationName: c.station.name,
        organisationName: c.organisationName,
      };
    })
    .route(C.printedCodePoster, async (ctx, { params, query }) => {
      const c = await stations.printedCode(ctx.state.user!, params.id);
      const { paper, code } = query;
      // A mini-program code carries the payload as its scene; it is fetched (and cached) only when asked for.
      const wxacodePng = code === 'wxacode' ? await wxacodes.forPayload(c.payload) : undefined;
      ctx.set('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(`${c.station.name}-签到海报-${paper.toUpperCase()}.svg`)}`);
      return posterSvg(
        linkForPayload(publicUrl(), c.payload),
        { unionName: c.organisationName, stationName: c.station.name, typedCode: c.typedCode },
        paper,
        wxacodePng,
      );
    })
    .route(C.renewPrintedCode, async (ctx, { params }) => {
      await stations.rotateSecret(ctx.state.user!, params.id);
      return { ok: true as const };
    })
    .route(C.stationRotatingCode, async (ctx, { params }) => presentCode(await kiosk.codeForOrganiser(ctx.state.user!, params.id)))
    .route(C.createKioskLink, async (ctx, { params }) => {
      const { token, link } = await kiosk.createLink(ctx.state.user!, params.id);
      // Built from PUBLIC_URL only, never from the request (its Origin or Host can be forged).
      return { token, url: `${publicUrl()}/#/organiser/pages/kiosk/index?token=${token}`, createdAt: link.createdAt.toISOString() };
    })
    .route(C.listKioskLinks, async (ctx, { params }) => ({
      items: (await kiosk.listLinks(ctx.state.user!, params.id)).map((l) => ({
        id: l.id,
        createdAt: l.createdAt.toISOString(),
        revoked: l.revokedAt !== null,
      })),
    }))
    .route(C.revokeKioskLink, async (ctx, { params }) => {
      await kiosk.revokeLink(ctx.state.user!, params.id);
      return { ok: true as const };
    })
    .route(C.kioskCode, async (_ctx, { params }) => presentCode(await kiosk.codeForLink(params.token)))
    .route(C.kioskCodeSvg, async (ctx, { params }) => {
      ctx.set('Cache-Control', 'no-store');
      return qrSvg(linkForPayload(publicUrl(), (await kiosk.codeForLink(params.token)).payload));
    })
    .route(C.stationStats, async (ctx, { params }) => stats.forStation(ctx.state.user!, params.id))
    .route(C.organisationVisitStats, async (ctx, { params }) => stats.forOrganisation(ctx.state.user!, params.id));

  const exportRoute = (route: typeof C.stationVisitsCsv | typeof C.organisationVisitsCsv, target: 'stationId' | 'organisationId') =>
    api.route(route, { audit: 'visits.export' }, async (ctx, { params, query }) => {
      const { from, to } = range(query, clock.now());
      const { scope, rows } = await stats.visits(ctx.state.user!, { [target]: params.id }, from, to);
      ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${scope.name}-到访记录.csv`)}`);
      return toCsv(
        ['日期', '时间', '驿站', '工友编号', '职业', '签到方式', '离线补签', '距离(米)'],
        rows.map((r) => [
          chinaDate(utcDate(r.checkedInAt)),
          chinaHHmm(utcDate(r.checkedInAt)),
          r.stationName,
          r.userId,
          r.occupation ? (OCCUPATION_LABELS[r.occupation as Occupation] ?? r.occupation) : '未填写',
          r.method === 'rotating' ? '屏幕动态码' : '纸质码',
          r.offline ? '是' : '否',
          r.distanceMetres,
        ]),
      );
    });
  exportRoute(C.stationVisitsCsv, 'stationId');
  exportRoute(C.organisationVisitsCsv, 'organisationId');
}
