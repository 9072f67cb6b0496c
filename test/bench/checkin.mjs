#!/usr/bin/env node
// Check-in throughput: POST /api/v1/checkins on the real BFF and MySQL, many distinct workers
// and stations (every request a new visit), next to a plain Koa + mysql2 server doing one
// INSERT per request, measured in the same run on the same machine.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drive, fmt, machine, request, scratchDatabase, startBff, startServer } from './lib.mjs';

const TOTAL = Number(process.env.BENCH_CHECKINS ?? 4000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 200);
/** Rate-limit counters in Redis, as a production deployment with REDIS_URL would keep them. */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function benchCheckin() {
  const db = await scratchDatabase('xlx_bench_checkin');
  const bff = await startBff({ DATABASE_URL: db.url, DEMO_DATA: 'true', DB_POOL_SIZE: '10', ...(REDIS_URL ? { REDIS_URL, RATE_LIMIT_NAMESPACE: `bench${Date.now()}` } : {}) });
  try {
    const admin = await request(bff.url, 'POST', '/api/v1/auth/dev', { body: { name: '管理员' } });
    const stations = (await request(bff.url, 'GET', '/api/v1/organiser/stations', { token: admin.body.token })).body.items;
    const codes = [];
    for (const s of stations) codes.push((await request(bff.url, 'GET', `/api/v1/organiser/stations/${s.id}/code`, { token: admin.body.token })).body.payload);
    const tokens = [];
    for (let i = 0; i < WORKERS; i++) tokens.push((await request(bff.url, 'POST', '/api/v1/auth/dev', { body: { name: `骑手${i}` } })).body.token);
    if (TOTAL > WORKERS * codes.length) throw new Error('more requests than distinct (worker, station) pairs');
    // Warm up connections and JIT, then measure: request i is worker i % W at station floor(i / W).
    await drive(200, CONCURRENCY, (i) => request(bff.url, 'GET', `/api/v1/stations/${stations[i % stations.length].id}`));
    const bffRun = await drive(TOTAL, CONCURRENCY, (i) =>
      request(bff.url, 'POST', '/api/v1/checkins', { token: tokens[i % WORKERS], body: { code: codes[Math.floor(i / WORKERS) % codes.length], clientRequestId: randomUUID() } }),
    );
    await bff.stop();

    const baseline = await startServer(path.join(path.dirname(fileURLToPath(import.meta.url)), 'baseline-server.mjs'), { DATABASE_URL: db.url, DB_POOL_SIZE: '10' });
    await drive(200, CONCURRENCY, (i) => request(baseline.url, 'POST', '/', { body: { userId: i, stationId: 1, clientRequestId: randomUUID() } }));
    const baseRun = await drive(TOTAL, CONCURRENCY, (i) => request(baseline.url, 'POST', '/', { body: { userId: i % WORKERS, stationId: Math.floor(i / WORKERS), clientRequestId: randomUUID() } }));
    await baseline.stop();
    return { bff: bffRun, baseline: baseRun, ratio: bffRun.rps / baseRun.rps, total: TOTAL, concurrency: CONCURRENCY, counters: REDIS_URL ? 'Redis' : 'MariaDB' };
  } finally {
    await bff.stop().catch(() => {});
    await db.drop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchCheckin();
  console.log(`check-in benchmark: ${r.total} requests, ${r.concurrency} concurrent, MariaDB (rate-limit counters in ${r.counters}), ${machine()}`);
  console.log('| server | requests/s | p50 ms | p99 ms | statuses |');
  console.log('|---|---|---|---|---|');
  for (const [name, x] of [['BFF POST /api/v1/checkins', r.bff], ['baseline Koa + mysql2 INSERT', r.baseline]]) {
    console.log(`| ${name} | ${fmt(x.rps, 0)} | ${fmt(x.p50)} | ${fmt(x.p99)} | ${JSON.stringify(x.statuses)} |`);
  }
  console.log(`ratio BFF / baseline: ${fmt(r.ratio, 2)}`);
}
