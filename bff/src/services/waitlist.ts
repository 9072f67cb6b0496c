import type { EntityManager } from 'typeorm';
import { EventEntity, NotificationEntity, RegistrationEntity } from '../entities';
import { releaseGenderSeat, takeGenderSeat } from './gender-seats';
import { enqueueMessages } from './outbox';

/** Takes the event row's lock (a no-op update) so that the reads after it are current. */
export async function lockEvent(tx: EntityManager, eventId: number): Promise<void> {
  await tx
    .createQueryBuilder()
    .update(EventEntity)
    .set({ confirmedCount: () => 'confirmedCount' })
    .where('id = :id', { id: eventId })
    .execute();
}

/**
 * Gives a freed seat to the first waitlisted person who may take it (at a social with seats
 * per gender, the first whose gender has room), and tells them: an in-app notice and a WeChat
 * message in the same transaction. Runs under the event's lock.
 * Returns false when nobody could take it.
 */
export async function promoteNext(tx: EntityManager, event: EventEntity, now: Date): Promise<boolean> {
  const regs = tx.getRepository(RegistrationEntity);
  const waiting = await regs.find({
    where: { eventId: event.id, status: 'waitlisted' },
    order: { queuedAt: 'ASC', id: 'ASC' },
    take: event.kind === 'matchmaking' ? 200 : 1,
  });
  for (const next of waiting) {
    const gender = await takeGenderSeat(tx, event, next.userId);
    if (!gender.ok) continue;
    const r = await regs.update({ id: next.id, status: 'waitlisted' }, { status: 'confirmed', seatGender: gender.gender });
    if (!r.affected) {
      await releaseGenderSeat(tx, { eventId: event.id, seatGender: gender.gender });
      continue;
    }
    await tx.getRepository(NotificationEntity).insert({
      userId: next.userId,
      eventId: event.id,
      title: '候补成功',
      body: `您在“${event.title}”的候补已转为正式名额，请按时参加，电子票已在“我的报名”里。`,
      readAt: null,
    });
    await enqueueMessages(
      tx,
      [
        {
          userId: next.userId,
          kind: 'promoted',
          values: {
            event: event.title,
            startsAt: event.startsAt.toISOString(),
            venue: event.venue || '见活动详情',
            status: '候补成功',
            note: '已转为正式名额，请按时参加',
          },
          page: `pages/event/index?id=${event.id}`,
        },
      ],
      now,
    );
    return true;
  }
  return false;
}
