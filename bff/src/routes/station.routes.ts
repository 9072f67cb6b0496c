import { stationContracts as C } from '@xlx/shared';
import type { Clock } from '../adapters/clock';
import type { ApiRouter } from '../lib/api-router';
import { presentCheckin, presentVisit } from '../presenters/checkin.presenter';
import { presentStation } from '../presenters/station.presenter';
import type { CheckinService } from '../services/checkin.service';
import type { StationService, StationView } from '../services/station.service';

/** Stations and check-ins as workers use them (contracts: shared/src/contracts/stations.ts). */
export function stationRoutes(
  api: ApiRouter,
  stations: StationService,
  checkins: CheckinService,
  organisationName: (id: number) => Promise<string>,
  clock: Clock,
): void {
  const present = (v: StationView) => presentStation(v.station, { organisationName: v.organisationName, now: clock.now(), distanceMetres: v.distanceMetres });

  api
    .route(C.listStations, async (_ctx, { query }) => ({ items: (await stations.listForWorkers(query)).map(present) }))
    .route(C.getStation, async (_ctx, { params, query: { lat, lng } }) => {
      const here = lat !== undefined && lng !== undefined ? { latitude: lat, longitude: lng } : undefined;
      return present(await stations.get(params.id, here));
    })
    .route(C.checkIn, { rateLimit: 'checkin' }, async (ctx, { body }) => {
      const outcome = await checkins.checkIn(ctx.state.user!.id, body);
      return presentCheckin(outcome, { organisationName: await organisationName(outcome.station.organisationId), now: clock.now() });
    })
    .route(C.myVisits, async (ctx, { query }) => {
      const page = await checkins.listVisits(ctx.state.user!.id, query);
      return { items: page.items.map((i) => presentVisit(i.checkin, i.stationName)), nextCursor: page.nextCursor };
    });
}
