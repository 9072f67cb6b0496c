import { z } from 'zod';
import {
  CheckinRequestSchema,
  CheckinResultSchema,
  IdParamSchema,
  StationListSchema,
  StationQuerySchema,
  StationSchema,
  VisitListSchema,
  VisitQuerySchema,
  type CheckinRequest,
  type StationQuery,
} from '@xlx/shared';
import type { Clock } from '../adapters/clock';
import type { ApiRouter } from '../lib/api-router';
import { presentCheckin, presentVisit } from '../presenters/checkin.presenter';
import { presentStation } from '../presenters/station.presenter';
import type { CheckinService } from '../services/checkin.service';
import type { StationService, StationView } from '../services/station.service';

const StationDetailQuerySchema = z
  .object({ lat: z.coerce.number().min(-90).max(90).optional(), lng: z.coerce.number().min(-180).max(180).optional() })
  .strict()
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: '经纬度须同时提供', path: ['lat'] });

/** Stations and check-ins as workers use them. */
export function stationRoutes(api: ApiRouter, stations: StationService, checkins: CheckinService, organisationName: (id: number) => Promise<string>, clock: Clock): void {
  const present = (v: StationView) => presentStation(v.station, { organisationName: v.organisationName, now: clock.now(), distanceMetres: v.distanceMetres });

  api
    .route(
      {
        method: 'get', path: '/api/v1/stations', tag: 'stations', access: 'public', query: StationQuerySchema, response: StationListSchema,
        summary: 'Active stations: nearest first with lat/lng, filtered by organisation subtree, amenities, open now, 24 hours',
        errors: ['NOT_FOUND'],
      },
      async (ctx) => ({ items: (await stations.listForWorkers(ctx.state.query as StationQuery)).map(present) }),
    )
    .route(
      {
        method: 'get', path: '/api/v1/stations/:id', tag: 'stations', access: 'public', params: IdParamSchema, query: StationDetailQuerySchema,
        response: StationSchema, summary: 'One station, with distance when lat/lng are given', errors: ['NOT_FOUND'],
      },
      async (ctx) => {
        const { lat, lng } = ctx.state.query as { lat?: number; lng?: number };
        const here = lat !== undefined && lng !== undefined ? { latitude: lat, longitude: lng } : undefined;
        return present(await stations.get((ctx.state.params as { id: number }).id, here));
      },
    )
    .route(
      {
        method: 'post', path: '/api/v1/checkins', tag: 'stations', access: 'user', rateLimit: 'checkin', body: CheckinRequestSchema, response: CheckinResultSchema,
        summary: 'Sign in at a station with its scanned code; idempotent per clientRequestId, one per dedupe window',
        errors: ['QR_INVALID', 'QR_EXPIRED', 'STATION_INACTIVE', 'LOCATION_REQUIRED', 'TOO_FAR'],
      },
      async (ctx) => {
        const outcome = await checkins.checkIn(ctx.state.user!.id, ctx.state.body as CheckinRequest);
        return presentCheckin(outcome, { organisationName: await organisationName(outcome.station.organisationId), now: clock.now() });
      },
    )
    .route(
      {
        method: 'get', path: '/api/v1/me/visits', tag: 'stations', access: 'user', query: VisitQuerySchema, response: VisitListSchema,
        summary: 'My station visits, newest first',
      },
      async (ctx) => {
        const page = await checkins.listVisits(ctx.state.user!.id, ctx.state.query as { before?: number; limit: number });
        return { items: page.items.map((i) => presentVisit(i.checkin, i.stationName)), nextCursor: page.nextCursor };
      },
    );
}
