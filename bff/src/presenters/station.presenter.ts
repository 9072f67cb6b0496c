import { isOpenAt, type Station } from '@xlx/shared';
import type { StationEntity } from '../entities';

/** A station as anyone may see it. The QR secret never leaves. */
export function presentStation(s: StationEntity, ctx: { organisationName: string; now: Date; distanceMetres?: number | null }): Station {
  return {
    id: s.id,
    organisationId: s.organisationId,
    organisationName: ctx.organisationName,
    name: s.name,
    address: s.address,
    latitude: Number(s.latitude),
    longitude: Number(s.longitude),
    open24h: Boolean(s.open24h),
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    openNow: isStationOpen(s, ctx.now),
    amenities: s.amenities ?? [],
    description: s.description,
    areaSqm: s.areaSqm,
    photos: (s.presentedPhotos ?? []).map((p) => p.url),
    photoIds: (s.presentedPhotos ?? []).map((p) => p.id),
    photoStates: (s.presentedPhotos ?? []).map((p) => p.state),
    riskyPhotos: s.riskyPhotos ?? 0,
    active: Boolean(s.active),
    signInPolicy: { printed: Boolean(s.allowPrinted), rotating: Boolean(s.allowRotating), radiusMetres: s.radiusMetres },
    distanceMetres: ctx.distanceMetres ?? null,
  };
}

export function isStationOpen(s: Pick<StationEntity, 'active' | 'open24h' | 'opensAt' | 'closesAt'>, now: Date): boolean {
  if (!s.active) return false;
  if (s.open24h) return true;
  return s.opensAt !== null && s.closesAt !== null && isOpenAt(s.opensAt, s.closesAt, now);
}
