import type { EntityManager } from 'typeorm';
import type { MessageKind } from '@xlx/shared';
import { OutboxEntity } from '../entities';

export interface OutboxMessage {
  userId: number;
  kind: MessageKind;
  /** Values by name (see KIND_VALUES); dates as ISO strings. */
  values: Record<string, string>;
  /** Page the message opens, e.g. pages/event/index?id=3 */
  page: string;
  /** Set for messages that must exist once whoever writes them (reminders). */
  dedupeKey?: string;
}

/**
 * Writes WeChat messages in the caller's transaction: they exist if and only if the change that
 * causes them commits. The sender delivers them later, once each.
 */
export async function enqueueMessages(tx: EntityManager, msgs: OutboxMessage[], now: Date): Promise<void> {
  if (msgs.length === 0) return;
  const qb = tx
    .createQueryBuilder()
    .insert()
    .into(OutboxEntity)
    .values(
      msgs.map((m) => ({
        userId: m.userId,
        kind: m.kind,
        vals: JSON.stringify(m.values),
        page: m.page,
        dedupeKey: m.dedupeKey ?? null,
        status: 'pending' as const,
        attempts: 0,
        nextAttemptAt: now,
      })),
    );
  if (msgs.some((m) => m.dedupeKey)) qb.orIgnore();
  await qb.execute();
}
