import type { DataSource, QueryResult } from 'typeorm';
import { CheckinEntity } from '../entities';
import { insertedId, isWriteConflict } from '../lib/db-errors';
import { sqlDateParam, utcDate } from '../lib/sql';
import { VisitRollup } from './visit-rollup';

/** A visit to be recorded: the check-in row as it would be written. */
export interface VisitRow {
  userId: number;
  stationId: number;
  checkedInAt: Date;
  receivedAt: Date;
  offline: boolean;
  method: CheckinEntity['method'];
  distanceMetres: number | null;
  clientRequestId: string;
}

interface Pending {
  row: VisitRow;
  waiters: Array<{ resolve: (c: CheckinEntity | null) => void; reject: (e: unknown) => void }>;
}

/** A check-in row as the drivers return it: MySQL gives Dates and numbers, SQLite text and integers. */
interface RawCheckin {
  id: number | string;
  userId: number | string;
  stationId: number | string;
  checkedInAt: Date | string;
  receivedAt: Date | string;
  offline: number | string | boolean;
  method: CheckinEntity['method'];
  distanceMetres: number | string | null;
  clientRequestId: string;
}

function fromRaw(r: RawCheckin): CheckinEntity {
  return Object.assign(new CheckinEntity(), {
    id: Number(r.id),
    userId: Number(r.userId),
    stationId: Number(r.stationId),
    checkedInAt: utcDate(r.checkedInAt),
    receivedAt: utcDate(r.receivedAt),
    offline: Boolean(Number(r.offline)),
    method: r.method,
    distanceMetres: r.distanceMetres === null ? null : Number(r.distanceMetres),
    clientRequestId: r.clientRequestId,
  });
}

/** Rows per statement: well under MySQL's packet and SQLite's parameter limits. */
const MAX_BATCH = 100;
/**
 * Batches writing at once; the rest wait and join the next batch. One, since the rollup left the
 * batch (VisitRollup): a batch is three short statements, and one fuller batch at a time cost less
 * of the BFF's and the database's CPU per scan than two (0.44 against 0.49 ms and 0.10 against
 * 0.14 ms on two cores, test/bench/checkin.mjs, 2026-12-03).
 */
const MAX_IN_FLIGHT = 1;

/**
 * Writes check-ins the way the dedupe rule needs, and writes the scans that arrive together in
 * one go: every scan that reaches this point in the same turn of the event loop shares three
 * statements (claim, insert, read back) instead of costing two round trips of its own.
 *
 * 1. Claim: upsert each scan's presence row (user, station), unless the scan (user, clientRequestId)
 *    has its check-in already, here or at another station. A first visit inserts it; otherwise it
 *    moves only if the last counted visit is outside the dedupe window around this scan, and only
 *    if this scan has not made its check-in already (a late retry cannot move the presence back).
 *    The claim names the scan's clientRequestId.
 * 2. Insert the check-in of every scan whose claim holds, unless that scan's row exists.
 * 3. Read back the rows of the batch's scans.
 * 4. Hand them to the per-day rollup (VisitRollup: rolled up together with the process's other
 *    scans within ROLLUP_DELAY_MS, off the scan's answer; a recount, never lowered).
 *
 * No transaction spans the statements. If the process dies between 1 and 2, the presence names the
 * scan and the scan's retry writes its row (see CheckinService for the claim that is never written).
 * A batch that fails (a deadlock, or the same scan racing itself in two batches) is written again
 * one scan at a time.
 */
export class VisitWriter {
  private queue = new Map<string, Pending>();
  private inFlight = 0;
  private scheduled = false;
  private readonly mysql: boolean;
  private readonly date: (d: Date) => Date | string;

  constructor(
    private readonly ds: DataSource,
    private readonly dedupeMinutes: number,
    /** What "today" is for the rollup (days before it may have subtree totals to drop). */
    now: () => Date = () => new Date(),
    /** The process's rollup (shared with the dashboard, which settles it before reading). */
    readonly rollup: VisitRollup = new VisitRollup(ds, now),
  ) {
    this.mysql = ds.options.type === 'mysql' || ds.options.type === 'mariadb';
    this.date = sqlDateParam(ds);
  }

  /** Resolves when the visits written so far are in the rollup. */
  settle(): Promise<void> {
    return this.rollup.settle();
  }

  /**
   * Claims and writes the visit. Resolves with this scan's check-in (new, or written before by the
   * same clientRequestId), or null when the claim went to another scan within the window or the
   * write lost a race (the caller then reads what is there and, if need be, writes again).
   */
  write(row: VisitRow): Promise<CheckinEntity | null> {
    return new Promise((resolve, reject) => {
      const key = `${row.userId}:${row.clientRequestId}`;
      const pending = this.queue.get(key) ?? { row, waiters: [] };
      pending.waiters.push({ resolve, reject });
      this.queue.set(key, pending);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.queue.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const batch = [...this.queue.values()].slice(0, MAX_BATCH);
      for (const p of batch) this.queue.delete(`${p.row.userId}:${p.row.clientRequestId}`);
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
      this.schedule();
    });
  }

  private async flush(batch: Pending[]): Promise<void> {
    let results: Map<string, CheckinEntity>;
    try {
      results = await this.writeRows(batch.map((p) => p.row));
    } catch (err) {
      if (!isWriteConflict(err)) {
        for (const p of batch) for (const w of p.waiters) w.reject(err);
        return;
      }
      // One scan's trouble must not fail the others: write them one at a time. A single scan that
      // lost a race gets null, and its caller looks at what the winner wrote.
      if (batch.length > 1) await Promise.all(batch.map((p) => this.flush([p])));
      else for (const w of batch[0].waiters) w.resolve(null);
      return;
    }
    for (const p of batch) {
      const found = results.get(`${p.row.userId}:${p.row.clientRequestId}`) ?? null;
      for (const w of p.waiters) w.resolve(found);
    }
  }

  private async writeRows(rows: VisitRow[]): Promise<Map<string, CheckinEntity>> {
    const found = new Map<string, CheckinEntity>();
    const runner = this.ds.createQueryRunner();
    try {
      await runner.query(this.claimSql(rows.length), this.claimParams(rows));
      const inserted = (await runner.query(this.insertSql(rows.length), this.insertParams(rows), true)) as QueryResult;
      // One scan, one new row: its id is all that is missing.
      if (rows.length === 1 && inserted.affected === 1) {
        found.set(`${rows[0].userId}:${rows[0].clientRequestId}`, Object.assign(new CheckinEntity(), rows[0], { id: insertedId(inserted.raw) }));
        this.rollup.add(rows);
        return found;
      }
      // Read back the batch's rows, new and old, by the unique (userId, clientRequestId).
      const where = rows.map(() => '(userId = ? AND clientRequestId = ?)').join(' OR ');
      const existing = (await runner.query(
        `SELECT id, userId, stationId, checkedInAt, receivedAt, offline, method, distanceMetres, clientRequestId FROM checkin WHERE ${where}`,
        rows.flatMap((r) => [r.userId, r.clientRequestId]),
      )) as RawCheckin[];
      for (const c of existing) found.set(`${c.userId}:${c.clientRequestId}`, fromRaw(c));
      this.rollup.add([...found.values()]);
      return found;
    } finally {
      await runner.release();
    }
  }

  private claimSql(n: number): string {
    if (this.mysql) {
      // A scan that has its check-in already claims nothing, at any station (its retry, or its id
      // reused elsewhere, must not leave a presence that blocks the next scan there).
      // MySQL runs the assignments left to right: lastRequestId decides, the others follow it.
      // The scans' columns have names of their own: the UPDATE part must not find two lastAt.
      const first = 'SELECT ? AS u, ? AS s, ? AS scanAt, ? AS requestId, ? AS receivedAt';
      return (
        'INSERT INTO station_presence (userId, stationId, lastAt, lastRequestId, claimedAt) ' +
        'SELECT v.u, v.s, v.scanAt, v.requestId, v.receivedAt ' +
        `FROM (${first}${' UNION ALL SELECT ?, ?, ?, ?, ?'.repeat(n - 1)}) v ` +
        'WHERE NOT EXISTS (SELECT 1 FROM checkin c WHERE c.userId = v.u AND c.clientRequestId = v.requestId) ' +
        'ON DUPLICATE KEY UPDATE ' +
        'lastRequestId = IF(VALUES(lastRequestId) IS NOT NULL AND (station_presence.lastAt <= VALUES(lastAt) - INTERVAL ? MINUTE OR station_presence.lastAt >= VALUES(lastAt) + INTERVAL ? MINUTE), VALUES(lastRequestId), station_presence.lastRequestId), ' +
        'claimedAt = IF(station_presence.lastRequestId = VALUES(lastRequestId), VALUES(claimedAt), station_presence.claimedAt), ' +
        'lastAt = IF(station_presence.lastRequestId = VALUES(lastRequestId), VALUES(lastAt), station_presence.lastAt)'
      );
    }
    const shifted = (modifier: string) => `strftime('%Y-%m-%d %H:%M:%f', excluded.lastAt, '${modifier}')`;
    return (
      'INSERT INTO station_presence (userId, stationId, lastAt, lastRequestId, claimedAt) ' +
      `SELECT column1, column2, column3, column4, column5 FROM (VALUES ${Array(n).fill('(?, ?, ?, ?, ?)').join(', ')}) v ` +
      'WHERE NOT EXISTS (SELECT 1 FROM checkin c WHERE c.userId = v.column1 AND c.clientRequestId = v.column4) ' +
      'ON CONFLICT (userId, stationId) DO UPDATE SET lastAt = excluded.lastAt, lastRequestId = excluded.lastRequestId, claimedAt = excluded.claimedAt ' +
      `WHERE (station_presence.lastAt <= ${shifted(`-${this.dedupeMinutes} minutes`)} OR station_presence.lastAt >= ${shifted(`+${this.dedupeMinutes} minutes`)}) ` +
      'AND NOT EXISTS (SELECT 1 FROM checkin c WHERE c.userId = excluded.userId AND c.clientRequestId = excluded.lastRequestId)'
    );
  }

  private claimParams(rows: VisitRow[]): unknown[] {
    const params = rows.flatMap((r) => [r.userId, r.stationId, this.date(r.checkedInAt), r.clientRequestId, this.date(r.receivedAt)]);
    return this.mysql ? [...params, this.dedupeMinutes, this.dedupeMinutes] : params;
  }

  private insertSql(n: number): string {
    const first = 'SELECT ? AS userId, ? AS stationId, ? AS checkedInAt, ? AS receivedAt, ? AS offline, ? AS method, ? AS distanceMetres, ? AS clientRequestId';
    const more = ' UNION ALL SELECT ?, ?, ?, ?, ?, ?, ?, ?'.repeat(n - 1);
    return (
      'INSERT INTO checkin (userId, stationId, checkedInAt, receivedAt, offline, method, distanceMetres, clientRequestId) ' +
      'SELECT v.userId, v.stationId, v.checkedInAt, v.receivedAt, v.offline, v.method, v.distanceMetres, v.clientRequestId ' +
      `FROM (${first}${more}) v ` +
      'JOIN station_presence p ON p.userId = v.userId AND p.stationId = v.stationId AND p.lastRequestId = v.clientRequestId ' +
      'WHERE NOT EXISTS (SELECT 1 FROM checkin c WHERE c.userId = v.userId AND c.clientRequestId = v.clientRequestId)'
    );
  }

  private insertParams(rows: VisitRow[]): unknown[] {
    return rows.flatMap((r) => [
      r.userId,
      r.stationId,
      this.date(r.checkedInAt),
      this.date(r.receivedAt),
      r.offline ? 1 : 0,
      r.method,
      r.distanceMetres,
      r.clientRequestId,
    ]);
  }
}
