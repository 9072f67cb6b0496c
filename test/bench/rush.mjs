#!/usr/bin/env node
// Registration rush: 2,000 workers press 报名 at the same moment for an event with 100 seats,
// on the real BFF and MySQL. Prints requests/s, p50/p99, the time until the event was full,
// and whether the outcome is exact (100 confirmed, the rest waitlisted, nobody twice).
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { cpuSeconds, databasePid, fmt, machine, request, scratchDatabase, startBff } from './lib.mjs';

const PEOPLE = Number(process.env.BENCH_RUSH_PEOPLE ?? 2000);
const SEATS = Number(process.env.BENCH_RUSH_SEATS ?? 100);

export async function benchRush() {
  const db = await scratchDatabase('xlx_bench_rush');
  const bff = await startBff({ DATABASE_URL: db.url, DEMO_DATA: 'true', DB_POOL_SIZE: '20' });
  try {
    const organiser = (await request(bff.url, 'POST', '/api/v1/auth/dev', { body: { name: '上虞区总工会' } })).body;
    const orgId = organiser.me.grants[0].organisationId;
    const now = Date.now();
    const iso = (ms) => new Date(now + ms).toISOString();
    const created = await request(bff.url, 'POST', '/api/v1/organiser/events', {
      token: organiser.token,
      body: {
        organisationId: orgId,
        kind: 'health',
        title: '免费健康体检（抢报）',
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
    const eventId = created.body.id;
    await request(bff.url, 'POST', `/api/v1/organiser/events/${eventId}/publish`, { token: organiser.token });
    const tokens = [];
    for (let i = 0; i < PEOPLE; i++) tokens.push((await request(bff.url, 'POST', '/api/v1/auth/dev', { body: { name: `抢报${i}` } })).body.token);

    // Open every connection first so that the rush itself is only the requests.
    const agent = new http.Agent({ keepAlive: true, maxSockets: PEOPLE });
    const url = new URL(`/api/v1/events/${eventId}/registrations`, bff.url);
    // CPU per request of the BFF and the database: a figure that the rest of the machine's load moves less than the wall clock.
    const pids = [bff.pid, databasePid()];
    const cpuBefore = pids.map(cpuSeconds);
    const started = process.hrtime.bigint();
    let fullAt = null;
    let confirmedSeen = 0;
    const latencies = [];
    const statuses = {};
    await Promise.all(
      tokens.map(
        (token) =>
          new Promise((resolve, reject) => {
            const t0 = process.hrtime.bigint();
            const req = http.request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-length': 0 } }, (res) => {
              let text = '';
              res.on('data', (c) => (text += c));
              res.on('end', () => {
                const t1 = process.hrtime.bigint();
                latencies.push(Number(t1 - t0) / 1e6);
                statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
                if (res.statusCode === 200 && JSON.parse(text).status === 'confirmed' && ++confirmedSeen === SEATS) fullAt = Number(t1 - started) / 1e6;
                resolve();
              });
            });
            req.on('error', reject);
            req.end();
          }),
      ),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuMs = pids.map((pid, i) => (cpuBefore[i] === null || cpuSeconds(pid) === null ? null : ((cpuSeconds(pid) - cpuBefore[i]) * 1000) / PEOPLE));
    latencies.sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];

    const conn = await mysql.createConnection({ uri: db.url.replace(/^mariadb:/, 'mysql:') });
    const [[counts]] = await conn.query(
      "SELECT SUM(status = 'confirmed') AS confirmed, SUM(status = 'waitlisted') AS waitlisted, COUNT(*) AS total, COUNT(DISTINCT userId) AS people FROM registration WHERE eventId = ?",
      [eventId],
    );
    const [[ev]] = await conn.query('SELECT confirmedCount FROM event WHERE id = ?', [eventId]);
    await conn.end();
    const exact =
      Number(counts.confirmed) === SEATS &&
      Number(ev.confirmedCount) === SEATS &&
      Number(counts.waitlisted) === PEOPLE - SEATS &&
      Number(counts.total) === PEOPLE &&
      Number(counts.people) === PEOPLE;
    return {
      people: PEOPLE,
      seats: SEATS,
      seconds,
      rps: PEOPLE / seconds,
      p50: pct(50),
      p99: pct(99),
      fullMs: fullAt,
      statuses,
      exact,
      cpuMsPerRequest: { server: cpuMs[0], db: cpuMs[1] },
      counts: { confirmed: Number(counts.confirmed), waitlisted: Number(counts.waitlisted) },
    };
  } finally {
    await bff.stop();
    await db.drop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchRush();
  console.log(`registration rush: ${r.people} concurrent for ${r.seats} seats, MariaDB, ${machine()}`);
  console.log(
    `requests/s ${fmt(r.rps, 0)}, p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms, full after ${fmt(r.fullMs, 0)} ms, statuses ${JSON.stringify(r.statuses)}`,
  );
  console.log(`CPU ms per request: BFF ${r.cpuMsPerRequest.server?.toFixed(2) ?? '–'}, MariaDB ${r.cpuMsPerRequest.db?.toFixed(2) ?? '–'}`);
  console.log(`exact: ${r.exact ? 'yes' : 'NO'} (${r.counts.confirmed} confirmed, ${r.counts.waitlisted} waitlisted)`);
  if (!r.exact) process.exit(1);
}
