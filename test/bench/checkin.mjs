#!/usr/bin/env node
// Check-in throughput: POST /api/v1/checkins on the real BFF and MySQL, many distinct workers
// and stations (every request a new visit), next to a plain Koa + mysql2 server doing one
// INSERT per request, measured in the same run on the same machine.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databasePid, drive, fmt, interleave, machine, request, scratchDatabase, startBff, startServer } from './lib.mjs';

const TOTAL = Number(process.env.BENCH_CHECKINS ?? 4000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 200);
/** Alternating slices of the load per server. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
/** Rate-limit counters in Redis, as a production deployment with REDIS_URL would keep them. */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function benchCheckin() {
  const db = await scratchDatabase('xlx_bench_checkin');
  const servers = [];
  const bff = await startBff({
    DATABASE_URL: db.url,
    DEMO_DATA: 'true',
    DB_POOL_SIZE: '10',
    ...(REDIS_URL ? { REDIS_URL, RATE_LIMIT_NAMESPACE: `bench${Date.now()}` } : {}),
  });
  servers.push(bff);
  try {
    const admin = await request(bff.url, 'POST', '/api/v1/auth/dev', { body: { name: '管理员' } });
    const stations = (await request(bff.url, 'GET', '/api/v1/organiser/stations', { token: admin.body.token })).body.items;
    const codes = [];
    for (const s of stations) codes.push((await request(bff.url, 'GET', `/api/v1/organiser/stations/${s.id}/code`, { token: admin.body.token })).body.payload);
    const tokens = [];
    for (let i = 0; i < WORKERS; i++) tokens.push((await request(bff.url, 'POST', '/api/v1/auth/dev', { body: { name: `骑手${i}` } })).body.token);
    if (TOTAL > WORKERS * codes.length) throw new Error('more requests than distinct (worker, station) pairs');
    // Both servers run side by side and take alternating slices of the load, so that the rest of
    // the machine's work weighs on both alike. Request i is worker i % W at station floor(i / W).
    const baseline = await startServer(path.join(path.dirname(fileURLToPath(import.meta.url)), 'baseline-server.mjs'), {
      DATABASE_URL: db.url,
      DB_POOL_SIZE: '10',
    });
    servers.push(baseline);
    await drive(200, CONCURRENCY, (i) => request(bff.url, 'GET', `/api/v1/stations/${stations[i % stations.length].id}`));
    await drive(200, CONCURRENCY, (i) => request(baseline.url, 'POST', '/', { body: { userId: 100000 + i, stationId: 1, clientRequestId: randomUUID() } }));
    const dbPid = databasePid();
    const runs = await interleave(TOTAL, CONCURRENCY, ROUNDS, {
      bff: {
        pids: { server: bff.pid, db: dbPid, bench: process.pid },
        job: (i) =>
          request(bff.url, 'POST', '/api/v1/checkins', {
            token: tokens[i % WORKERS],
            body: { code: codes[Math.floor(i / WORKERS) % codes.length], clientRequestId: randomUUID() },
          }),
      },
      baseline: {
        pids: { server: baseline.pid, db: dbPid, bench: process.pid },
        job: (i) => request(baseline.url, 'POST', '/', { body: { userId: i % WORKERS, stationId: Math.floor(i / WORKERS), clientRequestId: randomUUID() } }),
      },
    });
    const [bffRun, baseRun] = [runs.bff, runs.baseline];
    return {
      bff: bffRun,
      baseline: baseRun,
      ratio: bffRun.rps / baseRun.rps,
      total: TOTAL,
      concurrency: CONCURRENCY,
      counters: REDIS_URL ? 'Redis' : 'MariaDB',
    };
  } finally {
    for (const s of servers) await s.stop().catch(() => {});
    await db.drop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchCheckin();
  console.log(`check-in benchmark: ${r.total} requests, ${r.concurrency} concurrent, MariaDB (rate-limit counters in ${r.counters}), ${machine()}`);
  console.log('| server | requests/s | p50 ms | p99 ms | CPU ms/request: server, database, load generator | statuses |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, x] of [
    ['BFF POST /api/v1/checkins', r.bff],
    ['baseline Koa + mysql2 INSERT', r.baseline],
  ]) {
    const cpu = ['server', 'db', 'bench'].map((k) => (x.cpuMsPerRequest[k] === null ? '–' : fmt(x.cpuMsPerRequest[k], 2))).join(' / ');
    console.log(`| ${name} | ${fmt(x.rps, 0)} | ${fmt(x.p50)} | ${fmt(x.p99)} | ${cpu} | ${JSON.stringify(x.statuses)} |`);
  }
  console.log(`ratio BFF / baseline: ${fmt(r.ratio, 2)}`);
}
