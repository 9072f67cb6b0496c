import { In, type DataSource, type EntityManager } from 'typeorm';
import { EventEntity, MatchGenderSeatEntity, MatchProfileEntity, MatchSettingsEntity, RegistrationEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import { AppError } from '../lib/app-error';
import { isWriteConflict } from '../lib/db-errors';
import { utcDate } from '../lib/sql';
import { lockEvent } from './waitlist';

/** One person's press of 报名 that passed every check that needs no seat. */
export interface Ask {
  userId: number;
  answers: string[] | null;
}

/** What a press came to: a registration (new, re-registered, or the one already there) and its place in the queue. */
export interface Decided {
  registration: RegistrationEntity;
  event: EventEntity;
  /** Known for the waitlisted of this batch (counted once per batch); null otherwise. */
  waitlistPosition: number | null;
  /** The person was registered before this press: the caller presents what is there. */
  existing: boolean;
}

interface Pending {
  ask: Ask;
  waiters: Array<{ resolve: (d: Decided) => void; reject: (e: unknown) => void }>;
}

/** Rows per batch: well under MySQL's packet and SQLite's parameter limits (13 columns a row). */
const MAX_BATCH = 200;
// On a Galera cluster the batches of several BFF processes for one event conflict at commit
// (certification, reported as a deadlock): up to 30 runs with a jittered backoff of at most 250 ms.
const MAX_ATTEMPTS = 30;

class Retry extends Error {}

/**
 * Decides the registrations of one event that arrive together as one group, the way the visit
 * writer groups scans. Per process and event, one batch is in the database at a time; whatever
 * arrives meanwhile waits and forms the next batch. A batch is one transaction:
 *
 * 1. Take the event row's lock (the no-op UPDATE every seat or queue change of the event takes
 *    first, cancellations and promotions included), then read the row and the batch's people's
 *    registrations.
 * 2. Claim, in one conditional UPDATE, as many seats as are left for the batch
 *    (`confirmedCount + n <= capacity`); at a social, the per-gender counters likewise.
 * 3. Write the batch: one multi-row INSERT for newcomers, one UPDATE per re-registration (a
 *    cancelled row taken up again), statuses in arrival order; queuedAt continues after the
 *    event's last one, a millisecond apart, so the queue order (queuedAt, id) is arrival order and
 *    re-registering always joins the back.
 * 4. Read the batch's rows back. Waitlist positions come from one count per batch (the queue
 *    before it) plus the place in the batch, not one count per person.
 *
 * Correctness comes from the database, not from this process: the row lock serialises batches of
 * several processes, the unique (eventId, userId) key refuses a second row, and the conditional
 * seat UPDATE refuses more seats than are left. On a Galera cluster the row lock is not shared
 * between nodes, but two batches that both change the event's counters conflict at commit
 * (certification failure, reported as a deadlock): the losing batch is run again, whole.
 */
export class RegistrationBatcher {
  private readonly queues = new Map<number, Map<number, Pending>>();
  private readonly busy = new Set<number>();

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  decide(eventId: number, ask: Ask): Promise<Decided> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(eventId);
      if (!queue) this.queues.set(eventId, (queue = new Map()));
      // A double tap that is still waiting shares the first tap's outcome.
      const pending = queue.get(ask.userId) ?? { ask, waiters: [] };
      pending.waiters.push({ resolve, reject });
      queue.set(ask.userId, pending);
      this.schedule(eventId);
    });
  }

  private schedule(eventId: number): void {
    if (this.busy.has(eventId)) return;
    this.busy.add(eventId);
    // Whatever arrives in this turn of the event loop joins the batch.
    setImmediate(() => void this.next(eventId));
  }

  private async next(eventId: number): Promise<void> {
    const queue = this.queues.get(eventId);
    if (!queue || queue.size === 0) {
      this.queues.delete(eventId);
      this.busy.delete(eventId);
      return;
    }
    const batch = [...queue.values()].slice(0, MAX_BATCH);
    for (const p of batch) queue.delete(p.ask.userId);
    try {
      const outcomes = await this.run(
        eventId,
        batch.map((p) => p.ask),
      );
      batch.forEach((p, i) => {
        const o = outcomes[i];
        for (const w of p.waiters) o instanceof Error ? w.reject(o) : w.resolve(o);
      });
    } catch (err) {
      for (const p of batch) for (const w of p.waiters) w.reject(err);
    }
    void this.next(eventId);
  }

  /** The batch's transaction, run again whole after a deadlock, a certification failure or a lost race. */
  private async run(eventId: number, asks: Ask[]): Promise<Array<Decided | AppError>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ds.transaction((tx) => this.write(tx, eventId, asks));
      } catch (err) {
        if (!(err instanceof Retry || isWriteConflict(err)) || attempt >= MAX_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(250, 5 * 2 ** Math.min(attempt, 6))));
      }
    }
  }

  private async write(tx: EntityManager, eventId: number, asks: Ask[]): Promise<Array<Decided | AppError>> {
    await lockEvent(tx, eventId);
    const event = await tx.getRepository(EventEntity).findOneByOrFail({ id: eventId });
    const regs = tx.getRepository(RegistrationEntity);
    const userIds = asks.map((a) => a.userId);
    const before = new Map((await regs.findBy({ eventId, userId: In(userIds) })).map((r) => [r.userId, r]));

    // Who gets a seat: arrival order, while seats (and at a social, seats of their gender) last.
    const open = event.status === 'published';
    let free = open ? Math.max(0, event.capacity - event.confirmedCount) : 0;
    const genders = await this.genderRoom(
      tx,
      event,
      asks.filter((a) => before.get(a.userId)?.status === 'cancelled' || !before.has(a.userId)).map((a) => a.userId),
    );
    const taken = { male: 0, female: 0 };
    const plan = asks.map((a) => {
      const prev = before.get(a.userId);
      if (prev && prev.status !== 'cancelled') return { kind: 'existing' as const, prev };
      const g = genders.of.get(a.userId) ?? null;
      const room = g === null || genders.room[g] === null || taken[g] < genders.room[g]!;
      if (free > 0 && room) {
        free--;
        if (g && genders.room[g] !== null) taken[g]++;
        return { kind: 'write' as const, prev, status: 'confirmed' as const, seatGender: g && genders.room[g] !== null ? g : null };
      }
      if (!event.waitlist) return { kind: 'full' as const, genderFull: !room };
      return { kind: 'write' as const, prev, status: 'waitlisted' as const, seatGender: null };
    });

    const seats = plan.filter((p) => p.kind === 'write' && p.status === 'confirmed').length;
    if (seats > 0) {
      const r = await tx
        .createQueryBuilder()
        .update(EventEntity)
        .set({ confirmedCount: () => `confirmedCount + ${seats}` })
        .where(`id = :eventId AND status = :published AND confirmedCount + ${seats} <= capacity`, { eventId, published: 'published' })
        .execute();
      if (!r.affected) throw new Retry();
      event.confirmedCount += seats;
    }
    for (const g of ['male', 'female'] as const) {
      if (!taken[g]) continue;
      const r = await tx
        .createQueryBuilder()
        .update(MatchGenderSeatEntity)
        .set({ confirmed: () => `confirmed + ${taken[g]}` })
        .where(`eventId = :eventId AND gender = :g AND confirmed + ${taken[g]} <= :limit`, { eventId, g, limit: genders.limit[g] })
        .execute();
      if (!r.affected) throw new Retry();
    }

    const writes = plan.flatMap((p, i) => (p.kind === 'write' ? [{ ...p, ask: asks[i] }] : []));
    let waitingBefore = 0;
    if (writes.length) {
      // The queue so far: where it ends, and (for the positions) how many wait in it.
      const tail = await regs
        .createQueryBuilder('r')
        .select('MAX(r.queuedAt)', 'last')
        .addSelect("SUM(CASE WHEN r.status = 'waitlisted' THEN 1 ELSE 0 END)", 'waiting')
        .where('r.eventId = :eventId', { eventId })
        .getRawOne<{ last: string | Date | null; waiting: string | number | null }>();
      waitingBefore = Number(tail?.waiting ?? 0);
      const after = tail?.last ? utcDate(tail.last).getTime() + 1 : 0;
      const start = Math.max(this.clock.now().getTime(), after);
      const rows = writes.map((w, i) => ({
        eventId,
        userId: w.ask.userId,
        status: w.status,
        seatGender: w.seatGender,
        queuedAt: new Date(start + i),
        cancelledAt: null,
        checkedInAt: null,
        checkedInBy: null,
        checkinMethod: null,
        checkinOverride: false,
        completed: false,
        answers: w.ask.answers,
      }));
      const fresh = rows.filter((_, i) => !writes[i].prev);
      if (fresh.length) await tx.createQueryBuilder().insert().into(RegistrationEntity).values(fresh).updateEntity(false).execute();
      for (const [i, w] of writes.entries()) {
        if (!w.prev) continue;
        // Registering again after cancelling: the cancelled row is taken up again, at the back.
        const { eventId: _e, userId: _u, ...set } = rows[i];
        const r = await regs.update({ id: w.prev.id, status: 'cancelled' }, set);
        if (!r.affected) throw new Retry();
      }
    }

    const after = writes.length
      ? new Map((await regs.findBy({ eventId, userId: In(writes.map((w) => w.ask.userId)) })).map((r) => [r.userId, r]))
      : new Map<number, RegistrationEntity>();
    let place = 0;
    return plan.map((p, i) => {
      if (p.kind === 'existing') return { registration: p.prev, event, waitlistPosition: null, existing: true };
      if (p.kind === 'full')
        return new AppError('EVENT_FULL', p.genderFull ? '您所在性别的名额已满，本活动不设候补' : '名额已满，本活动不设候补，可以看看其他活动');
      const registration = after.get(asks[i].userId);
      if (!registration) throw new Retry();
      return { registration, event, waitlistPosition: p.status === 'waitlisted' ? waitingBefore + ++place : null, existing: false };
    });
  }

  /**
   * At a social with seats per gender: each candidate's gender (from their match profile) and
   * the seats of each gender still free. Elsewhere, or without a limit, no room counts.
   */
  private async genderRoom(tx: EntityManager, event: EventEntity, userIds: number[]) {
    const none = {
      of: new Map<number, 'male' | 'female'>(),
      room: { male: null, female: null } as Record<'male' | 'female', number | null>,
      limit: { male: 0, female: 0 },
    };
    if (event.kind !== 'matchmaking' || userIds.length === 0) return none;
    const settings = await tx.getRepository(MatchSettingsEntity).findOneBy({ eventId: event.id });
    if (!settings || (settings.seatsMale === null && settings.seatsFemale === null)) return none;
    const profiles = await tx.getRepository(MatchProfileEntity).find({ where: { userId: In(userIds) }, select: { userId: true, gender: true } });
    const counters = new Map((await tx.getRepository(MatchGenderSeatEntity).findBy({ eventId: event.id })).map((c) => [c.gender, c.confirmed]));
    const limit = { male: settings.seatsMale ?? 0, female: settings.seatsFemale ?? 0 };
    for (const g of ['male', 'female'] as const) {
      if ((g === 'male' ? settings.seatsMale : settings.seatsFemale) !== null && !counters.has(g)) {
        await tx.createQueryBuilder().insert().into(MatchGenderSeatEntity).values({ eventId: event.id, gender: g, confirmed: 0 }).orIgnore().execute();
      }
    }
    return {
      of: new Map(profiles.map((p) => [p.userId, p.gender])),
      room: {
        male: settings.seatsMale === null ? null : Math.max(0, settings.seatsMale - (counters.get('male') ?? 0)),
        female: settings.seatsFemale === null ? null : Math.max(0, settings.seatsFemale - (counters.get('female') ?? 0)),
      },
      limit,
    };
  }
}
