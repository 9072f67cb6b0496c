import type { CheckinResult, Visit } from '@xlx/shared';
import type { CheckinEntity } from '../entities';
import { checkinMessage, type CheckinOutcome } from '../services/checkin.service';
import { presentStation } from './station.presenter';

export function presentCheckin(o: CheckinOutcome, ctx: { organisationName: string; now: Date }): CheckinResult {
  return {
    id: o.checkin.id,
    duplicate: o.duplicate,
    checkedInAt: new Date(o.checkin.checkedInAt).toISOString(),
    message: checkinMessage(o),
    station: presentStation(o.station, ctx),
  };
}

export function presentVisit(c: CheckinEntity, stationName: string): Visit {
  return { id: c.id, stationId: c.stationId, stationName, checkedInAt: new Date(c.checkedInAt).toISOString(), offline: Boolean(c.offline) };
}
