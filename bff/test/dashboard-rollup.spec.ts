import { chinaStartOfDay } from '@xlx/shared';
import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, STATION_INPUT, type World } from './helpers/world';
import { StationEntity, UserEntity } from '../src/entities';
import { VisitWriter, type VisitRow } from '../src/services/visit-writer';
import { chinaDayNumber, rollupBackfillSql, VisitRollup } from '../src/services/visit-rollup';
import type { DataSource } from 'typeorm';
import { sqlDateParam } from '../src/lib/sql';
import { DashboardService } from '../src/services/dashboard.service';
import { STORE } from './helpers/store';

/** A small deterministic generator, so a failing run can be repeated from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
}

describe('dashboard visits from the rollup', () => {
  let h: Harness;
  let w: World;
  let stations: StationEntity[];
  let workers: number[];
  const seed = Number(process.env.ROLLUP_SEED ?? Date.now() % 100000);

  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
    h.clock.set('2026-11-30T02:00:00Z');
    const auth = (role: 'organiser' | 'otherOrganiser' | 'parentOrganiser') => w.headers(role);
    // Stations in three subtrees: the express union, 上虞区 itself, and 龙游 (another organiser's).
    for (const [org, role] of [
      [w.org.shangyu, 'parentOrganiser'],
      [w.org.longyou, 'otherOrganiser'],
      [w.org.express, 'organiser'],
    ] as const) {
      const res = await h
        .http()
        .post('/api/v1/organiser/stations')
        .set(auth(role))
        .send(STATION_INPUT(org, { name: `驿站${org}` }));
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    }
    stations = await h.ds.getRepository(StationEntity).find({ order: { id: 'ASC' } });
    const users = h.ds.getRepository(UserEntity);
    const made = await users.insert(Array.from({ length: 40 }, (_, i) => ({ devName: `rollup-worker-${i}` })));
    workers = made.identifiers.map((x) => Number(x.id));
  });
  afterAll(() => h.close());

  const dashboard = async (orgId: number, role: 'admin' | 'parentOrganiser' | 'organiser' | 'otherOrganiser') => {
    const res = await h.http().get(`/api/v1/organiser/organisations/${orgId}/dashboard`).set(w.headers(role));
    expect(res.status).toBe(200);
    return res.body.visits as { today: number; workersToday: number; workers30d: number; perDay: Array<{ date: string; visits: number }> };
  };

  /** The same figures straight from the visits of the subtree's stations. */
  const raw = async (orgId: number) => {
    const { path } = await h.ds.query('SELECT path FROM organisation WHERE id = ?', [orgId]).then((r: Array<{ path: string }>) => r[0]);
    const ids = (await h.ds.query('SELECT s.id FROM station s JOIN organisation o ON o.id = s.organisationId WHERE o.path LIKE ?', [`${path}%`])).map(
      (r: { id: number }) => Number(r.id),
    );
    const date = sqlDateParam(h.ds);
    const today = chinaStartOfDay(h.clock.now());
    const from = new Date(today.getTime() - 29 * 864e5);
    const end = new Date(today.getTime() + 864e5);
    const rows = ids.length
      ? ((await h.ds.query(`SELECT userId, checkedInAt FROM checkin WHERE stationId IN (${ids.join(',')}) AND checkedInAt >= ? AND checkedInAt < ?`, [
          date(from),
          date(end),
        ])) as Array<{ userId: number; checkedInAt: string | Date }>)
      : [];
    const at = (v: string | Date) => (v instanceof Date ? v : new Date(`${v.replace(' ', 'T')}Z`));
    const perDay = new Map<number, number>();
    const todayWorkers = new Set<number>();
    const all = new Set<number>();
    for (const r of rows) {
      const d = chinaDayNumber(at(r.checkedInAt));
      perDay.set(d, (perDay.get(d) ?? 0) + 1);
      all.add(Number(r.userId));
      if (d === chinaDayNumber(today)) todayWorkers.add(Number(r.userId));
    }
    return {
      today: perDay.get(chinaDayNumber(today)) ?? 0,
      workersToday: todayWorkers.size,
      workers30d: all.size,
      perDay: Array.from({ length: 30 }, (_, i) => perDay.get(chinaDayNumber(from) + i) ?? 0),
    };
  };

  const expectSame = async (orgId: number, role: 'admin' | 'parentOrganiser' | 'organiser' | 'otherOrganiser') => {
    const [d, r] = await Promise.all([dashboard(orgId, role), raw(orgId)]);
    expect({ today: d.today, workersToday: d.workersToday, workers30d: d.workers30d, perDay: d.perDay.map((x) => x.visits) }).toEqual(r);
    return r;
  };

  it(`equals the raw counts on random visits written concurrently by two writers (seed ${seed})`, async () => {
    const random = rng(seed);
    const now = h.clock.now().getTime();
    // Two writers stand for two BFF processes; scans land on both at once, in batches.
    const writers = [new VisitWriter(h.ds, 30, () => h.clock.now()), new VisitWriter(h.ds, 30, () => h.clock.now())];
    const rows: VisitRow[] = Array.from({ length: 400 }, (_, i) => {
      // Most in the last 30 days, some older (outside the window), some today.
      const back = random() < 0.2 ? random() * 0.5 : random() < 0.9 ? random() * 30 : 30 + random() * 20;
      const at = new Date(now - back * 864e5);
      return {
        userId: workers[Math.floor(random() * workers.length)],
        stationId: stations[Math.floor(random() * stations.length)].id,
        checkedInAt: at,
        receivedAt: at,
        offline: back > 0.5,
        method: random() < 0.5 ? 'printed' : 'rotating',
        distanceMetres: null,
        clientRequestId: `rollup-${seed}-${i}`,
      };
    });
    const written = await Promise.all(rows.map((r, i) => writers[i % 2].write(r)));
    // A scan that lost a race (a deadlock on MariaDB, or a same-pair scan in the same batch) gets
    // null, and its caller writes it again (CheckinService); do the same, one at a time, so that
    // how many race depends on nothing but the seed. Scans inside the dedupe window stay null.
    for (const [i, r] of rows.entries()) if (!written[i]) written[i] = await writers[0].write(r);
    // Each writer rolls up in passes of its own (off the scans' answers), at once: two processes' passes racing.
    await Promise.all(writers.map((x) => x.settle()));
    expect(written.filter(Boolean).length).toBeGreaterThan(200);
    const province = await expectSame(w.org.zj, 'admin');
    expect(province.workers30d).toBeGreaterThan(10);
    await expectSame(w.org.sx, 'admin');
    await expectSame(w.org.shangyu, 'parentOrganiser');
    await expectSame(w.org.express, 'organiser');
    await expectSame(w.org.longyou, 'otherOrganiser');
    // The rollup's method split adds up, and the backfill from the visits builds the same rollup.
    const kept = await h.ds.query('SELECT stationId, day, visits, printed, rotating FROM visit_day ORDER BY stationId, day');
    for (const k of kept) expect(Number(k.printed) + Number(k.rotating)).toBe(Number(k.visits));
    const keptWorkers = await h.ds.query('SELECT organisationId, userId, lastDay FROM visit_worker_last ORDER BY organisationId, userId');
    await h.ds.query('DELETE FROM visit_day');
    await h.ds.query('DELETE FROM visit_worker_last');
    for (const sql of rollupBackfillSql(STORE)) await h.ds.query(sql);
    expect(await h.ds.query('SELECT stationId, day, visits, printed, rotating FROM visit_day ORDER BY stationId, day')).toEqual(kept);
    expect(await h.ds.query('SELECT organisationId, userId, lastDay FROM visit_worker_last ORDER BY organisationId, userId')).toEqual(keptWorkers);
  });

  it('keeps the same station-day exact when many scans race on it, and counts a late offline scan', async () => {
    const writers = [
      new VisitWriter(h.ds, 30, () => h.clock.now()),
      new VisitWriter(h.ds, 30, () => h.clock.now()),
      new VisitWriter(h.ds, 30, () => h.clock.now()),
    ];
    const made = await h
      .http()
      .post('/api/v1/organiser/stations')
      .set(w.headers('organiser'))
      .send(STATION_INPUT(w.org.express, { name: '抢扫驿站' }));
    const station = await h.ds.getRepository(StationEntity).findOneByOrFail({ id: made.body.id });
    const now = h.clock.now();
    const before = await expectSame(w.org.express, 'organiser');
    // 40 workers at one station in the same minute, each scan sent twice (a retry) to different writers.
    const rows: VisitRow[] = workers.map((userId, i) => ({
      userId,
      stationId: station.id,
      checkedInAt: new Date(now.getTime() - 1000 * i),
      receivedAt: now,
      offline: false,
      method: 'rotating',
      distanceMetres: null,
      clientRequestId: `race-${seed}-${i}`,
    }));
    await Promise.all([...rows, ...rows].map((r, i) => writers[i % 3].write(r)));
    await Promise.all(writers.map((x) => x.settle()));
    const after = await expectSame(w.org.express, 'organiser');
    expect(after.today - before.today).toBe(workers.length);
    expect(await h.ds.query('SELECT visits, rotating FROM visit_day WHERE stationId = ?', [station.id])).toEqual([
      { visits: workers.length, rotating: workers.length },
    ]);
    // A scan queued offline yesterday arrives now: yesterday's figure moves at once.
    const y = new Date(chinaStartOfDay(now).getTime() - 12 * 3600e3);
    await writers[0].write({
      userId: workers[0],
      stationId: station.id,
      checkedInAt: y,
      receivedAt: now,
      offline: true,
      method: 'printed',
      distanceMetres: null,
      clientRequestId: `late-${seed}`,
    });
    await writers[0].settle();
    const late = await expectSame(w.org.express, 'organiser');
    expect(late.perDay[28]).toBe(after.perDay[28] + 1);
  });

  it("never counts another organisation's visits", async () => {
    const other = stations.find((s) => s.organisationId === w.org.longyou)!;
    const before = await dashboard(w.org.shangyu, 'parentOrganiser');
    const theirs = await dashboard(w.org.longyou, 'otherOrganiser');
    const writer = new VisitWriter(h.ds, 30, () => h.clock.now());
    const fresh = (await h.ds.getRepository(UserEntity).insert({ devName: `rollup-other-${seed}` })).identifiers[0].id as number;
    await writer.write({
      userId: fresh,
      stationId: other.id,
      checkedInAt: h.clock.now(),
      receivedAt: h.clock.now(),
      offline: false,
      method: 'printed',
      distanceMetres: null,
      clientRequestId: `other-${seed}`,
    });
    await writer.settle();
    expect(await dashboard(w.org.shangyu, 'parentOrganiser')).toEqual(before);
    const after = await dashboard(w.org.longyou, 'otherOrganiser');
    expect(after.today).toBe(theirs.today + 1);
    expect(after.workersToday).toBe(theirs.workersToday + 1);
    await expectSame(w.org.longyou, 'otherOrganiser');
    // An organiser of one union cannot read the other's dashboard at all.
    expect((await h.http().get(`/api/v1/organiser/organisations/${w.org.longyou}/dashboard`).set(w.headers('parentOrganiser'))).status).toBe(404);
  });
  const visit = (userId: number, stationId: number, id: string): VisitRow => ({
    userId,
    stationId,
    checkedInAt: h.clock.now(),
    receivedAt: h.clock.now(),
    offline: false,
    method: 'printed',
    distanceMetres: null,
    clientRequestId: id,
  });

  it('keeps the visits of a pass the store refuses and rolls them up in the next', async () => {
    const station = stations.find((s) => s.organisationId === w.org.express)!;
    let failures = 1;
    // The rollup's store fails its first pass (as a lost database would), the check-in itself is written.
    const flaky = new Proxy(h.ds, {
      get(target, key) {
        if (key === 'createQueryRunner')
          return () => {
            const runner = target.createQueryRunner();
            if (failures-- <= 0) return runner;
            // A runner of its own that fails (SQLite hands out one shared runner: it is not changed).
            return new Proxy(runner, {
              get: (r, k) =>
                k === 'query'
                  ? async () => {
                      throw new Error('store away');
                    }
                  : typeof Reflect.get(r, k) === 'function'
                    ? Reflect.get(r, k).bind(r)
                    : Reflect.get(r, k),
            });
          };
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as DataSource;
    const errors: unknown[] = [];
    // No timed pass in this test (60 s): only settle() runs one, so the failing pass is the first.
    const rollup = new VisitRollup(
      flaky,
      () => h.clock.now(),
      (err) => errors.push(err),
      60_000,
    );
    const writer = new VisitWriter(h.ds, 30, () => h.clock.now(), rollup);
    // A person of their own: the random visits above may have one of the workers at this station within the dedupe window.
    const fresh = (await h.ds.getRepository(UserEntity).insert({ devName: `rollup-flaky-${seed}` })).identifiers[0].id as number;
    expect(await writer.write(visit(fresh, station.id, `flaky-${seed}`))).not.toBeNull();
    await expect(writer.settle()).rejects.toThrow('store away');
    expect(errors).toHaveLength(1);
    await writer.settle();
    await expectSame(w.org.express, 'organiser');
  });

  it('rolls up again at start the recent check-ins of a process killed before its pass', async () => {
    const station = stations.find((s) => s.organisationId === w.org.shangyu)!;
    const fresh = (await h.ds.getRepository(UserEntity).insert({ devName: `rollup-killed-${seed}` })).identifiers[0].id as number;
    const before = await dashboard(w.org.shangyu, 'parentOrganiser');
    // Its pass would come in 11 days: the process is "killed" with the visit written and not rolled up.
    const killed = new VisitWriter(h.ds, 30, () => h.clock.now(), new VisitRollup(h.ds, () => h.clock.now(), undefined, 1e9));
    expect(await killed.write(visit(fresh, station.id, `killed-${seed}`))).not.toBeNull();
    expect(await dashboard(w.org.shangyu, 'parentOrganiser')).toEqual(before);
    const started = new VisitRollup(h.ds, () => h.clock.now());
    expect(await started.catchUp()).toBeGreaterThanOrEqual(1);
    const after = await expectSame(w.org.shangyu, 'parentOrganiser');
    expect(after.today).toBe(before.today + 1);
    expect(after.workersToday).toBe(before.workersToday + 1);
  });
  it('shares one read of the visits among dashboards of one organisation asked for at the same moment', async () => {
    let reads = 0;
    // The distinct-worker count takes 300 ms here (a province's on a loaded store takes tens of ms; the
    // margin keeps the eight requests inside one read however slowly a loaded test machine starts them).
    const slow = new Proxy(h.ds, {
      get(target, key) {
        if (key === 'query')
          return async (sql: string, params?: unknown[]) => {
            if (sql.includes('FROM visit_worker_last')) {
              reads++;
              await new Promise((r) => setTimeout(r, 300));
            }
            return target.query(sql, params);
          };
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as DataSource;
    const service = new DashboardService(slow, h.app.services.organisations, h.clock);
    const admin = (await h.app.services.auth.authenticate(w.headers('admin').Authorization.replace(/^Bearer /, '')))!;
    const together = await Promise.all(Array.from({ length: 8 }, () => service.forOrganisation(admin, w.org.zj)));
    expect(reads).toBe(1);
    for (const d of together) expect(d.visits).toEqual(together[0].visits);
    // Nothing is kept once the read is done: the next dashboard reads again.
    await service.forOrganisation(admin, w.org.zj);
    expect(reads).toBe(2);
    expect((await expectSame(w.org.zj, 'admin')).workers30d).toBe(together[0].visits.workers30d);
  });
});
