import type { DataSource, QueryRunner } from 'typeorm';
import { isDeadlock } from '../lib/db-errors';
import { sqlDateParam, utcDate } from '../lib/sql';

const DAY_MS = 864e5;
const CHINA_OFFSET_MS = 8 * 3600e3;

/** Days since 1970-01-01 of an instant, in China time (the rollup's `day`, as sqlDialect().chinaDayNumber). */
export function chinaDayNumber(d: Date): number {
  return Math.floor((d.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}

/** A written visit, as far as the rollup needs it. */
export interface RolledVisit {
  userId: number;
  stationId: number;
  checkedInAt: Date;
}

const ATTEMPTS = 5;

/**
 * Keeps visit_day and visit_worker_last current for visits that are in the checkin table: recounts
 * each (station, China day) the visits touch and raises the stored counts to the recount, and
 * raises each worker's last day at the station's organisation and its ancestors.
 *
 * Exact under concurrency without locks: every count only rises (GREATEST / max), and a writer's
 * recount starts after its own rows are committed, so the last recount of a station-day sees every
 * row of it; a stale recount that lands later cannot lower the figure. Both upserts are idempotent,
 * so a deadlock (or a Galera certification failure, reported as one) is simply run again.
 */
export async function rollUpVisits(ds: DataSource, runner: QueryRunner, visits: RolledVisit[], now: Date = new Date()): Promise<void> {
  if (visits.length === 0) return;
  const mysql = ds.options.type === 'mysql' || ds.options.type === 'mariadb';
  const date = sqlDateParam(ds);
  const pairs = new Map<string, { stationId: number; day: number }>();
  for (const v of visits) {
    const day = chinaDayNumber(v.checkedInAt);
    pairs.set(`${v.stationId}:${day}`, { stationId: v.stationId, day });
  }
  const list = [...pairs.values()].sort((a, b) => a.stationId - b.stationId || a.day - b.day);
  // One consistent (non-locking) read: the recount of every station-day, and the station's path.
  const recount = list
    .map(
      (_, i) =>
        `SELECT ${i} AS k, o.path AS path, COUNT(*) AS visits, SUM(CASE WHEN c.method = 'printed' THEN 1 ELSE 0 END) AS printed, SUM(CASE WHEN c.method = 'rotating' THEN 1 ELSE 0 END) AS rotating ` +
        'FROM checkin c JOIN station s ON s.id = c.stationId JOIN organisation o ON o.id = s.organisationId ' +
        'WHERE c.stationId = ? AND c.checkedInAt >= ? AND c.checkedInAt < ? GROUP BY o.path',
    )
    .join(' UNION ALL ');
  const params = list.flatMap((p) => [p.stationId, date(new Date(p.day * DAY_MS - CHINA_OFFSET_MS)), date(new Date((p.day + 1) * DAY_MS - CHINA_OFFSET_MS))]);
  const counted = (await runner.query(recount, params)) as Array<{
    k: number | string;
    path: string;
    visits: number | string;
    printed: number | string | null;
    rotating: number | string | null;
  }>;
  if (counted.length === 0) return;
  const paths = new Map<number, string>();
  const dayRows = counted.map((r) => {
    const p = list[Number(r.k)];
    paths.set(p.stationId, r.path);
    return [p.stationId, p.day, Number(r.visits), Number(r.printed ?? 0), Number(r.rotating ?? 0)];
  });
  const last = new Map<string, [number, number, number]>();
  for (const v of visits) {
    const path = paths.get(v.stationId);
    if (path === undefined) continue;
    const day = chinaDayNumber(v.checkedInAt);
    for (const org of path.split('/').filter(Boolean).map(Number)) {
      const key = `${org}:${v.userId}`;
      const had = last.get(key);
      if (!had || had[2] < day) last.set(key, [org, v.userId, day]);
    }
  }
  // Rows in key order, so that two writers take their row locks in the same order.
  const workerRows = [...last.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const upsertDays = mysql
    ? 'INSERT INTO visit_day (stationId, day, visits, printed, rotating) VALUES ' +
      dayRows.map(() => '(?, ?, ?, ?, ?)').join(', ') +
      ' ON DUPLICATE KEY UPDATE visits = GREATEST(visits, VALUES(visits)), printed = GREATEST(printed, VALUES(printed)), rotating = GREATEST(rotating, VALUES(rotating))'
    : 'INSERT INTO visit_day (stationId, day, visits, printed, rotating) VALUES ' +
      dayRows.map(() => '(?, ?, ?, ?, ?)').join(', ') +
      ' ON CONFLICT (stationId, day) DO UPDATE SET visits = max(visits, excluded.visits), printed = max(printed, excluded.printed), rotating = max(rotating, excluded.rotating)';
  const upsertWorkers = mysql
    ? 'INSERT INTO visit_worker_last (organisationId, userId, lastDay) VALUES ' +
      workerRows.map(() => '(?, ?, ?)').join(', ') +
      ' ON DUPLICATE KEY UPDATE lastDay = GREATEST(lastDay, VALUES(lastDay))'
    : 'INSERT INTO visit_worker_last (organisationId, userId, lastDay) VALUES ' +
      workerRows.map(() => '(?, ?, ?)').join(', ') +
      ' ON CONFLICT (organisationId, userId) DO UPDATE SET lastDay = max(lastDay, excluded.lastDay)';
  await retried(() => runner.query(upsertDays, dayRows.flat()));
  // A late visit (queued offline) on a day that is over: that day's subtree totals are made again when next read.
  const today = chinaDayNumber(now);
  const past = [...new Set(list.filter((p) => p.day < today).map((p) => p.day))];
  if (past.length) await retried(() => runner.query(`DELETE FROM visit_org_day WHERE day IN (${past.join(', ')})`));
  if (workerRows.length) await retried(() => runner.query(upsertWorkers, workerRows.flat()));
}

/** How long written visits wait to be rolled up together (the dashboard of this process never waits: it settles first). */
export const ROLLUP_DELAY_MS = 200;
/** Visits per rollup pass (one per worker, station and day); the rest go in the next pass. */
const ROLLUP_CHUNK = 500;
/** Pending visits kept while the store is away; beyond this the oldest wait for the next start's catch-up. */
const ROLLUP_MAX_PENDING = 50_000;

/**
 * The rollup off the request path: the visit writer hands over what it wrote and answers the
 * scans at once; one pass every ROLLUP_DELAY_MS rolls up everything written meanwhile in this
 * process (one recount per station-day and one upsert of workers' last days for all of it, not
 * three statements per batch of scans). Visits are kept one per (worker, station, China day),
 * which is all rollUpVisits reads, so a busy station costs the same whatever its rush.
 *
 * The dashboard of this process calls settle() before it reads, so it sees its own writes at
 * once; other processes' writes are there within a pass (ROLLUP_DELAY_MS plus the pass). A pass
 * that fails (the store is away) keeps its visits and is tried again; a process killed before its
 * pass leaves them to catchUp() at its next start, which rolls up the last minutes' check-ins again
 * (every figure only rises to a recount, so doing it twice changes nothing).
 */
export class VisitRollup {
  private pending = new Map<string, RolledVisit>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastError: unknown = null;

  constructor(
    private readonly ds: DataSource,
    private readonly now: () => Date = () => new Date(),
    private readonly onError: (err: unknown) => void = () => undefined,
    private readonly delayMs = ROLLUP_DELAY_MS,
  ) {}

  /** Visits that are committed in the checkin table. */
  add(visits: RolledVisit[]): void {
    for (const v of visits) {
      const key = `${v.userId}:${v.stationId}:${chinaDayNumber(v.checkedInAt)}`;
      if (!this.pending.has(key)) this.pending.set(key, { userId: v.userId, stationId: v.stationId, checkedInAt: v.checkedInAt });
    }
    while (this.pending.size > ROLLUP_MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    this.schedule(this.delayMs);
  }

  /** Resolves when everything added before the call is rolled up; rejects when the store refuses it. */
  async settle(): Promise<void> {
    const waiting = new Set(this.pending.keys());
    const left = () => [...waiting].some((k) => this.pending.has(k));
    if (!this.running) this.lastError = null;
    // A pass under way holds visits added before this call.
    for (let first = true; first || left(); first = false) {
      await (this.running ?? (left() ? this.pass() : undefined));
      if (this.lastError) throw this.lastError;
    }
  }

  private schedule(delay: number): void {
    if (this.timer || this.running || this.pending.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pass();
    }, delay);
    this.timer.unref?.();
  }

  private pass(): Promise<void> {
    if (this.running) return this.running;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const keys = [...this.pending.keys()].slice(0, ROLLUP_CHUNK);
    const visits = keys.map((k) => this.pending.get(k)!);
    for (const k of keys) this.pending.delete(k);
    this.lastError = null;
    this.running = (async () => {
      const runner = this.ds.createQueryRunner();
      try {
        await rollUpVisits(this.ds, runner, visits, this.now());
      } catch (err) {
        // Kept for the next pass (unless newer ones for the same key came meanwhile: equal for the rollup).
        for (const [i, k] of keys.entries()) if (!this.pending.has(k)) this.pending.set(k, visits[i]);
        this.lastError = err;
        this.onError(err);
      } finally {
        await runner.release().catch(() => undefined);
      }
    })().finally(() => {
      this.running = null;
      this.schedule(this.lastError ? 1000 : this.pending.size >= ROLLUP_CHUNK ? 0 : this.delayMs);
    });
    return this.running;
  }

  /**
   * At start: rolls up the check-ins received in the last `minutes` again (the newest `limit` by id,
   * on the primary key), so that visits a killed process wrote but did not roll up are counted.
   */
  async catchUp(minutes = 10, limit = 20_000): Promise<number> {
    const since = new Date(this.now().getTime() - minutes * 60e3);
    const rows = (await this.ds.query(
      `SELECT userId, stationId, checkedInAt, receivedAt FROM checkin WHERE id > (SELECT COALESCE(MAX(id), 0) - ${Math.floor(limit)} FROM checkin)`,
    )) as Array<{ userId: number | string; stationId: number | string; checkedInAt: Date | string; receivedAt: Date | string }>;
    const recent = rows
      .map((r) => ({ userId: Number(r.userId), stationId: Number(r.stationId), checkedInAt: utcDate(r.checkedInAt), receivedAt: utcDate(r.receivedAt) }))
      .filter((r) => r.receivedAt >= since);
    this.add(recent);
    await this.settle();
    return recent.length;
  }
}

/** organisationId of the visit_org_day row that says a day's subtree totals are made. */
export const DAY_MADE = 0;

/** The ids of an organisation's path ("/1/4/9/": 1, 4 and 9) as rows `j`, joined after organisation `o`. */
function pathIds(store: 'mysql' | 'sqlite'): { join: string; id: string } {
  return store === 'mysql'
    ? { join: ", JSON_TABLE(CONCAT('[', REPLACE(TRIM(BOTH '/' FROM o.path), '/', ','), ']'), '$[*]' COLUMNS (id INT PATH '$')) j", id: 'j.id' }
    : { join: ", json_each('[' || replace(trim(o.path, '/'), '/', ',') || ']') j", id: 'j.value' };
}

/**
 * Makes visit_org_day for days that are over: every organisation's subtree total from the
 * stations' days, and the row that marks each day made, in one transaction. Its read of visit_day
 * locks the rows it reads, so a late visit's upsert lands either before it (and is counted) or after
 * (and its writer drops the day again). Running it twice at once makes the same rows.
 */
export async function makeOrgDays(ds: DataSource, days: number[]): Promise<void> {
  if (days.length === 0) return;
  const store = ds.options.type === 'mysql' || ds.options.type === 'mariadb' ? 'mysql' : 'sqlite';
  const { join, id } = pathIds(store);
  const list = days.map((d) => Math.floor(d)).join(', ');
  const upsert =
    store === 'mysql' ? 'ON DUPLICATE KEY UPDATE visits = VALUES(visits)' : 'ON CONFLICT (organisationId, day) DO UPDATE SET visits = excluded.visits';
  await retried(() =>
    ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO visit_org_day (organisationId, day, visits) SELECT ${id}, v.day, SUM(v.visits) FROM visit_day v JOIN station s ON s.id = v.stationId JOIN organisation o ON o.id = s.organisationId${join} ` +
          `WHERE v.day IN (${list}) GROUP BY ${id}, v.day ${upsert}`,
      );
      await m.query(
        `INSERT INTO visit_org_day (organisationId, day, visits) VALUES ${days.map((d) => `(${DAY_MADE}, ${Math.floor(d)}, 0)`).join(', ')} ${upsert}`,
      );
    }),
  );
}

async function retried<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isDeadlock(err) || attempt >= ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, 2 + Math.random() * 10 * attempt));
    }
  }
}

/**
 * Statements that build the rollup from the checkin table (the migration's backfill, SQLite's
 * first open, the province benchmark). `sinceDay` limits the workers' last days to visits from
 * that China day on (no dashboard period reaches further back); the day counts are always whole.
 */
export function rollupBackfillSql(store: 'mysql' | 'sqlite', sinceDay?: number): string[] {
  if (store === 'mysql') {
    const day = (col: string) => `(TO_DAYS(${col} + INTERVAL 8 HOUR) - 719528)`;
    const since = sinceDay === undefined ? '' : `WHERE c.checkedInAt >= FROM_DAYS(${Math.floor(sinceDay)} + 719528) - INTERVAL 8 HOUR `;
    return [
      'INSERT INTO visit_day (stationId, day, visits, printed, rotating) ' +
        `SELECT c.stationId, ${day('c.checkedInAt')} AS d, COUNT(*), SUM(c.method = 'printed'), SUM(c.method = 'rotating') FROM checkin c GROUP BY c.stationId, d ` +
        'ON DUPLICATE KEY UPDATE visits = GREATEST(visit_day.visits, VALUES(visits)), printed = GREATEST(visit_day.printed, VALUES(printed)), rotating = GREATEST(visit_day.rotating, VALUES(rotating))',
      // Per the station's organisation first (far fewer rows than visits), then up its path.
      'INSERT INTO visit_worker_last (organisationId, userId, lastDay) ' +
        'SELECT j.id, w.userId, MAX(w.lastDay) FROM (' +
        `SELECT s.organisationId, c.userId, MAX(${day('c.checkedInAt')}) AS lastDay FROM checkin c JOIN station s ON s.id = c.stationId ${since}GROUP BY s.organisationId, c.userId` +
        `) w JOIN organisation o ON o.id = w.organisationId${pathIds('mysql').join} ` +
        'GROUP BY j.id, w.userId ON DUPLICATE KEY UPDATE lastDay = GREATEST(visit_worker_last.lastDay, VALUES(lastDay))',
    ];
  }
  const day = (col: string) => `CAST(julianday(${col}, '+8 hours') - 2440587.5 AS INTEGER)`;
  const since = sinceDay === undefined ? '' : `WHERE ${day('c.checkedInAt')} >= ${Math.floor(sinceDay)} `;
  return [
    'INSERT INTO visit_day (stationId, day, visits, printed, rotating) ' +
      `SELECT c.stationId, ${day('c.checkedInAt')} AS d, COUNT(*), SUM(c.method = 'printed'), SUM(c.method = 'rotating') FROM checkin c WHERE true GROUP BY c.stationId, d ` +
      'ON CONFLICT (stationId, day) DO UPDATE SET visits = max(visits, excluded.visits), printed = max(printed, excluded.printed), rotating = max(rotating, excluded.rotating)',
    'INSERT INTO visit_worker_last (organisationId, userId, lastDay) ' +
      'SELECT j.value, w.userId, MAX(w.lastDay) FROM (' +
      `SELECT s.organisationId, c.userId, MAX(${day('c.checkedInAt')}) AS lastDay FROM checkin c JOIN station s ON s.id = c.stationId ${since}GROUP BY s.organisationId, c.userId` +
      `) w JOIN organisation o ON o.id = w.organisationId${pathIds('sqlite').join} ` +
      'WHERE true GROUP BY j.value, w.userId ON CONFLICT (organisationId, userId) DO UPDATE SET lastDay = max(lastDay, excluded.lastDay)',
  ];
}

/** SQLite is made from the entities, not migrated: build the rollup once if it has visits but no days yet. */
export async function backfillSqliteRollup(ds: DataSource): Promise<void> {
  const [{ n }] = (await ds.query('SELECT (SELECT COUNT(*) FROM visit_day) = 0 AND EXISTS (SELECT 1 FROM checkin) AS n')) as Array<{ n: number }>;
  if (!Number(n)) return;
  for (const sql of rollupBackfillSql('sqlite')) await ds.query(sql);
}
