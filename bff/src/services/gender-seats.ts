import type { EntityManager } from 'typeorm';
import { MatchGenderSeatEntity, MatchProfileEntity, MatchSettingsEntity, type EventEntity, type RegistrationEntity } from '../entities';

/**
 * Seats per gender at a social. Callers hold the event row's lock (they update it first), so
 * these conditional UPDATEs on the per-gender counters queue behind it in the same order.
 */
export async function takeGenderSeat(tx: EntityManager, event: EventEntity, userId: number): Promise<{ ok: boolean; gender: 'male' | 'female' | null }> {
  if (event.kind !== 'matchmaking') return { ok: true, gender: null };
  const settings = await tx.getRepository(MatchSettingsEntity).findOneBy({ eventId: event.id });
  const profile = await tx.getRepository(MatchProfileEntity).findOne({ where: { userId }, select: { userId: true, gender: true } });
  if (!settings || !profile) return { ok: true, gender: null };
  const limit = profile.gender === 'male' ? settings.seatsMale : settings.seatsFemale;
  if (limit === null) return { ok: true, gender: null };
  await tx.createQueryBuilder().insert().into(MatchGenderSeatEntity).values({ eventId: event.id, gender: profile.gender, confirmed: 0 }).orIgnore().execute();
  const r = await tx
    .createQueryBuilder()
    .update(MatchGenderSeatEntity)
    .set({ confirmed: () => 'confirmed + 1' })
    .where('eventId = :e AND gender = :g AND confirmed < :limit', { e: event.id, g: profile.gender, limit })
    .execute();
  return { ok: Boolean(r.affected), gender: r.affected ? profile.gender : null };
}

export async function releaseGenderSeat(tx: EntityManager, reg: Pick<RegistrationEntity, 'eventId' | 'seatGender'>): Promise<void> {
  if (!reg.seatGender) return;
  await tx
    .createQueryBuilder()
    .update(MatchGenderSeatEntity)
    .set({ confirmed: () => 'confirmed - 1' })
    .where('eventId = :e AND gender = :g AND confirmed > 0', { e: reg.eventId, g: reg.seatGender })
    .execute();
}
