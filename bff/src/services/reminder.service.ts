import { Between, In, type DataSource } from 'typeorm';
import { CHINA_OFFSET_MS } from '@xlx/shared';
import type { Clock } from '../adapters/clock';
import { EventEntity, RegistrationEntity, SubscribeGrantEntity } from '../entities';
import { enqueueMessages, type OutboxMessage } from './outbox';

const HOUR = 3600 * 1000;

/** 18:00 China time on the evening before the China day an event starts. */
export function eveningBefore(startsAt: Date): Date {
  const chinaMidnight = Math.floor((startsAt.getTime() + CHINA_OFFSET_MS) / (24 * HOUR)) * 24 * HOUR - CHINA_OFFSET_MS;
  return new Date(chinaMidnight - 6 * HOUR);
}

/**
 * Reminders for confirmed registrants who granted the reminder template: the evening before
 * (18:00 China time) and two hours before the start. Every BFF process runs this; each reminder
 * is an outbox row with a unique key (`rem-eve:<registration>`, `rem-2h:<registration>`), so
 * several processes and restarts make one row each.
 */
export class ReminderService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly reminderTemplateId: string | undefined,
  ) {}

  /** Writes the reminders due now; returns how many rows it tried to write (duplicates are ignored by the store). */
  async enqueueDue(): Promise<number> {
    if (!this.reminderTemplateId) return 0;
    const now = this.clock.now();
    // The evening-before reminder of an event starting up to 30 hours from now may be due.
    const events = await this.ds.getRepository(EventEntity).find({
      where: { status: 'published', startsAt: Between(now, new Date(now.getTime() + 30 * HOUR)) },
      select: { id: true, title: true, venue: true, startsAt: true },
    });
    const due: Array<{ event: EventEntity; kind: 'eve' | '2h' }> = [];
    for (const event of events) {
      const twoHours = new Date(event.startsAt.getTime() - 2 * HOUR);
      if (now >= twoHours) due.push({ event, kind: '2h' });
      // Registered after the two-hour mark's own reminder came due: that one alone is enough.
      else if (now >= eveningBefore(event.startsAt)) due.push({ event, kind: 'eve' });
    }
    if (due.length === 0) return 0;
    const regs = await this.ds
      .getRepository(RegistrationEntity)
      .find({ where: { eventId: In(due.map((d) => d.event.id)), status: 'confirmed' }, select: { id: true, eventId: true, userId: true } });
    if (regs.length === 0) return 0;
    const granted = await this.ds
      .getRepository(SubscribeGrantEntity)
      .find({ where: { templateId: this.reminderTemplateId, userId: In([...new Set(regs.map((r) => r.userId))]) }, select: { userId: true, count: true } });
    const withGrant = new Set(granted.filter((g) => g.count > 0).map((g) => g.userId));
    const msgs: OutboxMessage[] = [];
    for (const { event, kind } of due) {
      for (const r of regs) {
        if (r.eventId !== event.id || !withGrant.has(r.userId)) continue;
        msgs.push({
          userId: r.userId,
          kind: 'reminder',
          values: {
            event: event.title,
            startsAt: event.startsAt.toISOString(),
            venue: event.venue || '见活动详情',
            note: kind === 'eve' ? '明天开始，请按时参加' : '两小时后开始，请带好电子票',
          },
          page: `pages/ticket/index?id=${r.id}`,
          dedupeKey: `rem-${kind}:${r.id}`,
        });
      }
    }
    await this.ds.transaction((tx) => enqueueMessages(tx, msgs, now));
    return msgs.length;
  }
}
