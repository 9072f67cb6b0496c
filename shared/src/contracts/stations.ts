import * as z from 'zod/mini';
import { contract } from '../contract';
import { IdParamSchema } from '../dto/common';
import { CheckinRequestSchema, CheckinResultSchema, VisitListSchema, VisitQuerySchema } from '../dto/checkin';
import { StationListSchema, StationQuerySchema, StationSchema } from '../dto/station';

/** `?lat=&lng=` on one station: both or neither, for its distance. */
export const StationDetailQuerySchema = z
  .strictObject({ lat: z.optional(z.coerce.number().check(z.gte(-90), z.lte(90))), lng: z.optional(z.coerce.number().check(z.gte(-180), z.lte(180))) })
  .check(z.refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: '经纬度须同时提供', path: ['lat'] }));

/** Stations and check-ins as workers use them. */
export const stationContracts = {
  listStations: contract({
    method: 'get',
    path: '/api/v1/stations',
    tag: 'stations',
    access: 'public',
    query: StationQuerySchema,
    response: StationListSchema,
    summary: 'Active stations: nearest first with lat/lng, filtered by organisation subtree, amenities, open now, 24 hours',
    errors: ['NOT_FOUND'],
  }),
  getStation: contract({
    method: 'get',
    path: '/api/v1/stations/:id',
    tag: 'stations',
    access: 'public',
    params: IdParamSchema,
    query: StationDetailQuerySchema,
    response: StationSchema,
    summary: 'One station, with distance when lat/lng are given',
    errors: ['NOT_FOUND'],
  }),
  checkIn: contract({
    method: 'post',
    path: '/api/v1/checkins',
    tag: 'stations',
    access: 'user',
    body: CheckinRequestSchema,
    response: CheckinResultSchema,
    summary: 'Sign in at a station with its scanned code; idempotent per clientRequestId, one per dedupe window',
    errors: ['QR_INVALID', 'QR_EXPIRED', 'STATION_INACTIVE', 'LOCATION_REQUIRED', 'TOO_FAR'],
  }),
  myVisits: contract({
    method: 'get',
    path: '/api/v1/me/visits',
    tag: 'stations',
    access: 'user',
    query: VisitQuerySchema,
    response: VisitListSchema,
    summary: 'My station visits, newest first',
  }),
};
