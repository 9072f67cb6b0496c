import { z } from 'zod';
import {
  chinaDate,
  chinaHHmm,
  CHINA_OFFSET_MS,
  IdParamSchema,
  IdSchema,
  KioskCodeSchema,
  KioskLinkSchema,
  OCCUPATION_LABELS,
  linkForPayload,
  OkSchema,
  PrintedCodeSchema,
  QR_ROTATION_SECONDS,
  StationInputSchema,
  StationListSchema,
  StationPatchSchema,
  StationSchema,
  StationStatsSchema,
  type Occupation,
  CalendarDateSchema,
  OrgFilterQuerySchema,
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

const PosterQuerySchema = z
  .object({
    paper: z.enum(['a4', 'a5'], { message: '纸张只能是 a4 或 a5' }).default('a4'),
    /** link: a QR code of the link (any camera); wxacode: a mini-program code (needs WeChat credentials). */
    code: z.enum(['link', 'wxacode'], { message: '码的样式只能是 link 或 wxacode' }).default('link'),
  })
  .strict();
const KioskLinkListSchema = z.object({ items: z.array(z.object({ id: z.number().int(), createdAt: z.string(), revoked: z.boolean() })) });
const TokenParamSchema = z.object({ token: z.string().min(16).max(100) });
const DateRangeSchema = z
  .object({
    from: CalendarDateSchema.optional(),
    to: CalendarDateSchema.optional(),
  })
  .strict();

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
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/stations',
        tag: 'organiser',
        access: 'organiser',
        query: OrgFilterQuerySchema,
        response: StationListSchema,
        summary: 'Stations of my organisations, inactive included',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { query }) => ({ items: (await stations.listManaged(ctx.state.user!, query.organisationId)).map(present) }),
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/organiser/stations',
        tag: 'organiser',
        access: 'organiser',
        body: StationInputSchema,
        response: StationSchema,
        status: 201,
        summary: 'Create a station in one of my organisations',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { body }) => present(await stations.create(ctx.state.user!, body)),
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/stations/:id',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: StationSchema,
        summary: 'One of my stations',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => present(await stations.get((await stations.getManaged(ctx.state.user!, params.id)).id, undefined, true)),
    )
    .route(
      {
        method: 'patch',
        path: '/api/v1/organiser/stations/:id',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        body: StationPatchSchema,
        response: StationSchema,
        summary: 'Edit, pause (active=false) or reopen a station',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params, body }) => present(await stations.update(ctx.state.user!, params.id, body)),
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/stations/:id/code',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: PrintedCodeSchema,
        summary: 'The printed code payload of a station',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => {
        const c = await stations.printedCode(ctx.state.user!, params.id);
        return {
          payload: c.payload,
          link: linkForPayload(publicUrl(), c.payload),
          typedCode: c.typedCode,
          stationName: c.station.name,
          organisationName: c.organisationName,
        };
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/stations/:id/code.svg',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        query: PosterQuerySchema,
        response: z.string(),
        produces: 'image/svg+xml',
        summary: 'The station poster for print (A4 or A5): union and station name, the code of its link, the typeable code, one line of instructions',
        errors: ['NOT_FOUND', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE'],
      },
      async (ctx, { params, query }) => {
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
      },
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/organiser/stations/:id/code/renew',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: OkSchema,
        summary: 'Void every printed code of the station (print the new one)',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => {
        await stations.rotateSecret(ctx.state.user!, params.id);
        return { ok: true as const };
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/stations/:id/rotating-code',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: KioskCodeSchema,
        summary: 'The current rotating code (changes every 30 s)',
        errors: ['NOT_FOUND', 'CONFLICT'],
      },
      async (ctx, { params }) => presentCode(await kiosk.codeForOrganiser(ctx.state.user!, params.id)),
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/organiser/stations/:id/kiosk-links',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: KioskLinkSchema,
        status: 201,
        summary: 'A revocable link that shows the rotating code on a screen; the token is shown once',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => {
        const { token, link } = await kiosk.createLink(ctx.state.user!, params.id);
        // Built from PUBLIC_URL only, never from the request (its Origin or Host can be forged).
        return { token, url: `${publicUrl()}/#/organiser/pages/kiosk/index?token=${token}`, createdAt: link.createdAt.toISOString() };
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/stations/:id/kiosk-links',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: KioskLinkListSchema,
        summary: 'Kiosk links of a station (tokens are not shown again)',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => ({
        items: (await kiosk.listLinks(ctx.state.user!, params.id)).map((l) => ({
          id: l.id,
          createdAt: l.createdAt.toISOString(),
          revoked: l.revokedAt !== null,
        })),
      }),
    )
    .route(
      {
        method: 'delete',
        path: '/api/v1/organiser/kiosk-links/:id',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: OkSchema,
        summary: 'Revoke a kiosk link',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => {
        await kiosk.revokeLink(ctx.state.user!, params.id);
        return { ok: true as const };
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/kiosk/:token',
        tag: 'kiosk',
        access: 'public',
        params: TokenParamSchema,
        response: KioskCodeSchema,
        summary: 'Current rotating code through a kiosk link',
        errors: ['NOT_FOUND', 'CONFLICT'],
      },
      async (_ctx, { params }) => presentCode(await kiosk.codeForLink(params.token)),
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/kiosk/:token/code.svg',
        tag: 'kiosk',
        access: 'public',
        params: TokenParamSchema,
        response: z.string(),
        produces: 'image/svg+xml',
        summary: 'Current rotating code as an SVG image',
        errors: ['NOT_FOUND', 'CONFLICT'],
      },
      async (ctx, { params }) => {
        ctx.set('Cache-Control', 'no-store');
        return qrSvg(linkForPayload(publicUrl(), (await kiosk.codeForLink(params.token)).payload));
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/stations/:id/stats',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: StationStatsSchema,
        summary: 'Visits and distinct workers of a station: today, week, month, per day, per hour, occupations',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => stats.forStation(ctx.state.user!, params.id),
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/organisations/:id/visit-stats',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: StationStatsSchema,
        summary: 'Visits over every station of an organisation subtree',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => stats.forOrganisation(ctx.state.user!, params.id),
    );

  const exportRoute = (path: string, target: 'stationId' | 'organisationId') =>
    api.route(
      {
        method: 'get',
        path,
        tag: 'organiser',
        access: 'organiser',
        audit: 'visits.export',
        params: z.object({ id: IdSchema }),
        query: DateRangeSchema,
        response: z.string(),
        produces: 'text/csv',
        summary: 'Visits as CSV (UTF-8 with BOM), China dates from/to inclusive, default last 30 days',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params, query }) => {
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
      },
    );
  exportRoute('/api/v1/organiser/stations/:id/visits.csv', 'stationId');
  exportRoute('/api/v1/organiser/organisations/:id/visits.csv', 'organisationId');
}
