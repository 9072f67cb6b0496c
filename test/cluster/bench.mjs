#!/usr/bin/env node
// Figures for README "Running at scale", from one run on one machine: check-in requests/s and the
// 2,000 → 100 registration rush on the cluster (through nginx to three BFFs on three Galera nodes)
// beside one BFF on the single MariaDB (127.0.0.1:3306). The cluster must be running
// (`npm run cluster`); the single-node side starts its own BFF on a scratch database.
//   node test/cluster/bench.mjs
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import mysql from 'mysql2/promise';
import { fmt, machine, request, scratchDatabase, startBff } from '../bench/lib.mjs';
import { call, cluster, createEvent, fakeIp, loopIp, pool, setup, signInPeople, sqlOn } from './lib.mjs';

const CHECKINS = Number(process.env.BENCH_CHECKINS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const PEOPLE = Number(process.env.BENCH_RUSH_PEOPLE ?? 2000);
const SEATS = Number(process.env.BENCH_RUSH_SEATS ?? 100);

function pct(list, p) {
  const s = [...list].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** `n` check-ins, each a new visit, `CONCURRENCY` in flight; send(i) → { status, ms }. */
async function checkinRun(n, send) {
  const ms = [];
  const statuses = {};
  const t0 = Date.now();
  await pool(n, CONCURRENCY, async (i) => {
    const r = await send(i);
    ms.push(r.ms ?? 0);
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  });
  const s = (Date.now() - t0) / 1000;
  return { rps: n / s, p50: pct(ms, 50), p99: pct(ms, 99), statuses };
}

/** The rush: everyone's POST at once; send(i) → { status, body }. */
async function rushRun(send, count) {
  const statuses = {};
  const t0 = Date.now();
  await pool(PEOPLE, PEOPLE, async (i) => {
    const r = await send(i);
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  });
  const s = (Date.now() - t0) / 1000;
  const c = await count();
  return { seconds: s, rps: PEOPLE / s, statuses, exact: Number(c.confirmed) === SEATS && Number(c.waitlisted) === PEOPLE - SEATS };
}

// --- the cluster ---
const ctx = await setup();
const riders = await signInPeople(`压测骑手${Date.now() % 100000}-`, 400, { offset: 300000 });
if (CHECKINS > riders.length * ctx.codes.length) throw new Error('more check-ins than (person, station) pairs');
const pick = (i) => ({ person: riders[i % riders.length], station: ctx.codes[Math.floor(i / riders.length) % ctx.codes.length] });
const clusterCheckin = await checkinRun(CHECKINS, (i) => {
  const { person, station } = pick(i);
  return call('nginx', 'POST', '/api/v1/checkins', { token: person.token, body: { code: station.code, clientRequestId: randomUUID() }, ip: loopIp(i % 400) });
});
const eventId = await createEvent(ctx.organiser, SEATS, `压测抢报 ${Date.now()}`);
const rushers = await signInPeople(`压测抢报${Date.now() % 100000}-`, PEOPLE, { offset: 400000 });
const clusterRush = await rushRun(
  (i) =>
    call(cluster.BFFS[i % cluster.BFFS.length], 'POST', `/api/v1/events/${eventId}/registrations`, {
      token: rushers[i].token,
      ip: fakeIp(400000 + i),
      timeoutMs: 120000,
    }),
  async () =>
    (
      await sqlOn(
        cluster.NODES[0],
        "SELECT SUM(status = 'confirmed') AS confirmed, SUM(status = 'waitlisted') AS waitlisted FROM registration WHERE eventId = ?",
        [eventId],
      )
    )[0],
);

// --- one BFF on the single MariaDB ---
const db = await scratchDatabase('xlx_bench_single');
const bff = await startBff({
  DATABASE_URL: db.url,
  DEMO_DATA: 'true',
  DB_POOL_SIZE: '20',
  REDIS_URL: 'redis://127.0.0.1:6379',
  RATE_LIMIT_NAMESPACE: `benchsingle${Date.now()}`,
  RATE_LIMIT_SCALE: '1000',
});
let single;
try {
  const admin = (await request(bff.url, 'POST', '/api/v1/auth/dev', { body: { name: '管理员' } })).body;
  const organiser = (await request(bff.url, 'POST', '/api/v1/auth/dev', { body: { name: '上虞区总工会' } })).body;
  const stations = (await request(bff.url, 'GET', '/api/v1/organiser/stations', { token: admin.token })).body.items;
  const codes = [];
  for (const s of stations) codes.push((await request(bff.url, 'GET', `/api/v1/organiser/stations/${s.id}/code`, { token: admin.token })).body.payload);
  const tokens = await pool(400, 16, async (i) => (await request(bff.url, 'POST', '/api/v1/auth/dev', { body: { name: `单机骑手${i}` } })).body.token);
  const checkin = await checkinRun(CHECKINS, (i) =>
    request(bff.url, 'POST', '/api/v1/checkins', {
      token: tokens[i % 400],
      body: { code: codes[Math.floor(i / 400) % codes.length], clientRequestId: randomUUID() },
    }),
  );
  const now = Date.now();
  const iso = (ms) => new Date(now + ms).toISOString();
  const ev = await request(bff.url, 'POST', '/api/v1/organiser/events', {
    token: organiser.token,
    body: {
      organisationId: organiser.me.grants[0].organisationId,
      kind: 'health',
      title: '单机抢报',
      venue: '上虞区人民医院',
      latitude: 30.03,
      longitude: 120.87,
      startsAt: iso(7 * 864e5),
      endsAt: iso(7 * 864e5 + 3600e3),
      registrationOpensAt: iso(-3600e3),
      registrationClosesAt: iso(6 * 864e5),
      capacity: SEATS,
      waitlist: true,
    },
  });
  await request(bff.url, 'POST', `/api/v1/organiser/events/${ev.body.id}/publish`, { token: organiser.token });
  const rtokens = await pool(PEOPLE, 16, async (i) => (await request(bff.url, 'POST', '/api/v1/auth/dev', { body: { name: `单机抢报${i}` } })).body.token);
  const agent = new http.Agent({ keepAlive: true, maxSockets: PEOPLE });
  const rush = await rushRun(
    (i) =>
      new Promise((resolve) => {
        const req = http.request(
          new URL(`/api/v1/events/${ev.body.id}/registrations`, bff.url),
          { method: 'POST', agent, headers: { authorization: `Bearer ${rtokens[i]}`, 'content-length': 0 } },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode }));
          },
        );
        req.on('error', () => resolve({ status: 0 }));
        req.end();
      }),
    async () => {
      const conn = await mysql.createConnection({ uri: db.url.replace(/^mariadb:/, 'mysql:') });
      const [[c]] = await conn.query(
        "SELECT SUM(status = 'confirmed') AS confirmed, SUM(status = 'waitlisted') AS waitlisted FROM registration WHERE eventId = ?",
        [ev.body.id],
      );
      await conn.end();
      return c;
    },
  );
  single = { checkin, rush };
} finally {
  await bff.stop();
  await db.drop();
}

console.log(`cluster bench: ${CHECKINS} check-ins at ${CONCURRENCY} in flight; rush ${PEOPLE} → ${SEATS}; ${machine()}`);
console.log('| shape | check-ins/s | p50 ms | p99 ms | rush requests/s | rush seconds | rush exact |');
console.log('|---|---|---|---|---|---|---|');
const row = (name, c, r) =>
  console.log(
    `| ${name} | ${fmt(c.rps, 0)} | ${fmt(c.p50)} | ${fmt(c.p99)} | ${fmt(r.rps, 0)} | ${fmt(r.seconds)} | ${r.exact ? 'yes' : 'NO'} ${JSON.stringify(r.statuses)} |`,
  );
row(`nginx → ${cluster.BFFS.length} BFFs → ${cluster.NODES.length} Galera nodes`, clusterCheckin, clusterRush);
row('1 BFF → 1 MariaDB', single.checkin, single.rush);
process.exit(0);
