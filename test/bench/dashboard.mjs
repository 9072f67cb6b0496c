#!/usr/bin/env node
// Dashboard API on a year of one district's data: ~30 stations × 100 visits a day × 365 days
// (about 1.1 million check-ins) and 200 events with registrations, loaded straight into MySQL;
// then GET /organiser/organisations/:id/dashboard is timed. Target: p99 under 200 ms.
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { createRequire } from 'node:module';
import path from 'node:path';
import { drive, fmt, machine, request, ROOT, scratchDatabase, startBff } from './lib.mjs';

const { rollupBackfillSql } = createRequire(import.meta.url)(path.join(ROOT, 'bff', 'dist', 'services', 'visit-rollup.js'));

const DAYS = Number(process.env.BENCH_DASH_DAYS ?? 365);
const PER_STATION_DAY = Number(process.env.BENCH_DASH_VISITS ?? 100);
const EVENTS = Number(process.env.BENCH_DASH_EVENTS ?? 200);
const WORKERS = 3000;

export async function benchDashboard() {
  const db = await scratchDatabase('xlx_bench_dash');
  const bff = await startBff({ DATABASE_URL: db.url, DEMO_DATA: 'true', DB_POOL_SIZE: '10' });
  const conn = await mysql.createConnection({ uri: db.url.replace(/^mariadb:/, 'mysql:') });
  try {
    const organiser = (await request(bff.url, 'POST', '/api/v1/auth/dev', { body: { name: '上虞区总工会' } })).body;
    const orgId = organiser.me.grants[0].organisationId;
    const [orgs] = await conn.query('SELECT id FROM organisation WHERE path LIKE (SELECT CONCAT(path, "%") FROM organisation WHERE id = ?)', [orgId]);
    const orgIds = orgs.map((o) => o.id);
    const [stations] = await conn.query(`SELECT id FROM station WHERE organisationId IN (${orgIds.join(',')})`);

    const loadStarted = Date.now();
    // Workers, with occupations.
    const occupations = ['courier', 'food_delivery', 'ride_hailing', 'truck_driver', 'domestic'];
    for (let i = 0; i < WORKERS; i += 1000) {
      const rows = Array.from({ length: 1000 }, (_, k) => [`bench-worker-${i + k}`, occupations[(i + k) % 5]]);
      await conn.query('INSERT INTO user (devName, occupation) VALUES ?', [rows]);
    }
    const [[{ firstUser }]] = await conn.query('SELECT MIN(id) AS firstUser FROM user WHERE devName LIKE "bench-worker-%"');
    // A year of visits, spread over the day's opening hours.
    const now = Date.now();
    let batch = [];
    let seq = 0;
    const flush = async () => {
      if (batch.length)
        await conn.query('INSERT INTO checkin (userId, stationId, checkedInAt, receivedAt, offline, method, distanceMetres, clientRequestId) VALUES ?', [
          batch,
        ]);
      batch = [];
    };
    for (let d = DAYS - 1; d >= 0; d--) {
      for (const s of stations) {
        for (let v = 0; v < PER_STATION_DAY; v++) {
          const at = new Date(now - d * 864e5 - ((v * 7919) % 43200) * 1000);
          batch.push([firstUser + ((seq * 31) % WORKERS), s.id, at, at, 0, 'printed', null, `bench-${seq}`]);
          seq++;
          if (batch.length >= 5000) await flush();
        }
      }
    }
    await flush();
    // Events over the year with registrations and check-ins.
    for (let e = 0; e < EVENTS; e++) {
      const starts = new Date(now - (DAYS - (e * DAYS) / EVENTS) * 864e5);
      const [r] = await conn.query(
        `INSERT INTO event (organisationId, kind, title, description, venue, startsAt, endsAt, registrationOpensAt, registrationClosesAt, capacity, confirmedCount, waitlist, eligibleGenders, eligibleOccupations, membersOnly, selfCheckin, status, qrSecret)
         VALUES (?, 'lecture', ?, '', '上虞', ?, ?, ?, ?, 50, 40, 1, '', '', 0, 0, 'published', ?)`,
        [
          orgId,
          `基准活动${e}`,
          starts,
          new Date(starts.getTime() + 2 * 3600e3),
          new Date(starts.getTime() - 7 * 864e5),
          new Date(starts.getTime() - 3600e3),
          'x'.repeat(64),
        ],
      );
      const regs = Array.from({ length: 40 }, (_, k) => [
        r.insertId,
        firstUser + ((e * 40 + k) % WORKERS),
        'confirmed',
        starts,
        k % 5 === 0 ? null : starts,
        0,
      ]);
      await conn.query('INSERT INTO registration (eventId, userId, status, queuedAt, checkedInAt, completed) VALUES ?', [regs]);
    }
    // The visits went in beside the BFF: build their rollup the way the migration does.
    for (const sql of rollupBackfillSql('mysql')) await conn.query(sql);
    await conn.query('ANALYZE TABLE checkin, registration, event, visit_day, visit_worker_last');
    const loadSeconds = (Date.now() - loadStarted) / 1000;

    const url = `/api/v1/organiser/organisations/${orgId}/dashboard`;
    const check = await request(bff.url, 'GET', url, { token: organiser.token });
    if (check.status !== 200) throw new Error(`dashboard answered ${check.status}: ${JSON.stringify(check.body)}`);
    await drive(5, 1, () => request(bff.url, 'GET', url, { token: organiser.token }));
    const sequential = await drive(50, 1, () => request(bff.url, 'GET', url, { token: organiser.token }));
    const concurrent = await drive(100, 8, () => request(bff.url, 'GET', url, { token: organiser.token }));
    return {
      visits: seq,
      stations: stations.length,
      events: EVENTS,
      loadSeconds,
      firstMs: check.ms,
      sequential,
      concurrent,
      today: check.body.visits.today,
      workers30d: check.body.visits.workers30d,
    };
  } finally {
    await conn.end();
    await bff.stop();
    // BENCH_KEEP_DB=1 leaves the year of data in place, to EXPLAIN the dashboard's queries.
    await db.drop({ keep: Boolean(process.env.BENCH_KEEP_DB) });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchDashboard();
  console.log(
    `dashboard benchmark: ${r.visits} visits at ${r.stations} stations over ${DAYS} days, ${r.events} events (loaded in ${fmt(r.loadSeconds, 0)} s), MariaDB, ${machine()}`,
  );
  console.log(`first request (past days' subtree totals not yet made): ${fmt(r.firstMs)} ms`);
  console.log(
    `one at a time: p50 ${fmt(r.sequential.p50)} ms, p99 ${fmt(r.sequential.p99)} ms; 8 concurrent: p50 ${fmt(r.concurrent.p50)} ms, p99 ${fmt(r.concurrent.p99)} ms, ${fmt(r.concurrent.rps, 0)} requests/s`,
  );
  console.log(`today ${r.today} visits, ${r.workers30d} distinct workers in 30 days`);
}
