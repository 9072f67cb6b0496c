// Helpers for the cluster tests and the cluster bench: HTTP as many phones (each its own loopback
// address, so nginx and the BFFs see distinct clients), direct calls to one BFF (with the client
// address in X-Forwarded-For, which the BFFs trust from one proxy hop), and SQL on one node.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import mysql from 'mysql2/promise';
import * as cluster from '../../scripts/cluster.mjs';

export { cluster };
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const uuid = () => randomUUID();

const agents = new Map();
/** One keep-alive agent per simulated client address. */
function agentFor(localAddress) {
  const key = localAddress ?? '';
  if (!agents.has(key)) agents.set(key, new http.Agent({ keepAlive: true, maxSockets: 64, ...(localAddress ? { localAddress } : {}) }));
  return agents.get(key);
}

/**
 * One JSON request. Resolves with { status, body, ms } or, when the connection fails,
 * { status: 0, error }. `via`: 'nginx' or a BFF object; `ip`: the client's address.
 */
export const counters = { resentOnClosedKeepAlive: 0 };

export async function call(via, method, pathname, opts = {}) {
  const r = await call1(via, method, pathname, opts);
  // A kept-alive connection that the server side closed while idle (nginx does so on a reload)
  // fails before any answer: the request was never read, so it is sent again on a new connection,
  // as browsers do and as Node's documentation advises (request.reusedSocket).
  // The second try goes on a connection of its own: the pool may hold more sockets that the same
  // reload closed, and taking one of them would fail the same way.
  if (r.status === 0 && r.reused && !r.answered) {
    counters.resentOnClosedKeepAlive++;
    return call1(via, method, pathname, { ...opts, fresh: true });
  }
  return r;
}

function call1(via, method, pathname, { body, token, ip, timeoutMs = 30000, fresh = false } = {}) {
  const base = via === 'nginx' ? cluster.URL_ : `http://127.0.0.1:${via.port}/`;
  const url = new URL(pathname, base);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const direct = via !== 'nginx';
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method,
        agent: fresh ? false : agentFor(direct ? undefined : ip),
        ...(fresh && !direct && ip ? { localAddress: ip } : {}),
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(direct && ip ? { 'x-forwarded-for': ip } : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // already gone, or not started: nothing to do
          }
          resolve({ status: res.statusCode, body: parsed, ms: Number(process.hrtime.bigint() - started) / 1e6 });
        });
        res.on('error', (error) => resolve({ status: 0, error, reused: req.reusedSocket, answered: true }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, error, reused: req.reusedSocket, answered: false }));
    if (payload) req.write(payload);
    req.end();
  });
}

/** A distinct client address per simulated person: 10.x.y.z in X-Forwarded-For, 127.1.y.z as a loopback source. */
export const fakeIp = (i) => `10.${20 + ((i >> 16) & 0xff)}.${(i >> 8) & 0xff}.${i & 0xff}`;
export const loopIp = (i) => `127.1.${(i >> 8) & 0xff}.${1 + ((i & 0xff) % 250)}`;

/** Runs `n` jobs with `concurrency` in flight. */
export async function pool(n, concurrency, job) {
  let next = 0;
  const out = new Array(n);
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await job(i);
      }
    }),
  );
  return out;
}

/** Signs `n` people in through the dev sign-in, spread over the BFFs, each from its own address. */
export async function signInPeople(prefix, n, { concurrency = 24, offset = 0 } = {}) {
  const bffs = cluster.BFFS;
  return pool(n, concurrency, async (i) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const r = await call(bffs[i % bffs.length], 'POST', '/api/v1/auth/dev', { body: { name: `${prefix}${i}` }, ip: fakeIp(offset + i) });
      if (r.status === 200) return { token: r.body.token, id: r.body.me.id };
      await sleep(100);
    }
    throw new Error(`sign-in of ${prefix}${i} failed`);
  });
}

/** SQL on one node, causal: waits until the node has applied everything committed anywhere before. */
export async function sqlOn(node, sql, params = []) {
  const conn = await mysql.createConnection({ uri: cluster.nodeUrl(node), timezone: 'Z' });
  try {
    await conn.query('SET SESSION wsrep_sync_wait = 1');
    const [rows] = await conn.query(sql, params);
    return rows;
  } finally {
    await conn.end();
  }
}

/** The organiser 上虞区总工会 and the admin; the stations with a fresh check-in code each. */
export async function setup() {
  const organiser = (await call(cluster.BFFS[0], 'POST', '/api/v1/auth/dev', { body: { name: '上虞区总工会' }, ip: '10.9.0.1' })).body;
  const admin = (await call(cluster.BFFS[0], 'POST', '/api/v1/auth/dev', { body: { name: '管理员' }, ip: '10.9.0.2' })).body;
  const stations = (await call(cluster.BFFS[0], 'GET', '/api/v1/organiser/stations', { token: admin.token })).body.items;
  const codes = [];
  for (const s of stations)
    codes.push({ stationId: s.id, code: (await call(cluster.BFFS[0], 'GET', `/api/v1/organiser/stations/${s.id}/code`, { token: admin.token })).body.payload });
  return { organiser, admin, codes };
}

/** A published event with `seats` seats and a waitlist, registration open now. */
export async function createEvent(organiser, seats, title) {
  const now = Date.now();
  const iso = (ms) => new Date(now + ms).toISOString();
  const via = cluster.BFFS[0];
  const created = await call(via, 'POST', '/api/v1/organiser/events', {
    token: organiser.token,
    body: {
      organisationId: organiser.me.grants[0].organisationId,
      kind: 'health',
      title,
      venue: '上虞区人民医院',
      latitude: 30.03,
      longitude: 120.87,
      startsAt: iso(7 * 864e5),
      endsAt: iso(7 * 864e5 + 3600e3),
      registrationOpensAt: iso(-3600e3),
      registrationClosesAt: iso(6 * 864e5),
      capacity: seats,
      waitlist: true,
    },
  });
  if (created.status !== 201 && created.status !== 200) throw new Error(`event not created: ${created.status} ${JSON.stringify(created.body)}`);
  const pub = await call(via, 'POST', `/api/v1/organiser/events/${created.body.id}/publish`, { token: organiser.token });
  if (pub.status !== 200) throw new Error(`event not published: ${pub.status}`);
  return created.body.id;
}

/**
 * Check-in load through nginx until stop() is called: `clients` phones, each checking in at a
 * (person, station) pair of its own (so each is a new visit), and retrying a request that got no
 * answer or a 5xx with the same clientRequestId, as the mini-program does. GETs run alongside.
 */
export function checkinLoad({ people, codes, clients = 8, firstPair = 0, getsToo = true, maxRetries = 40, pause = 25 }) {
  let running = true;
  let pair = firstPair;
  const log = {
    acked: [],
    attempts: 0,
    firstTryFailures: 0,
    failedForGood: 0,
    statuses: {},
    gets: { ok: 0, failed: 0, statuses: {}, errors: [] },
    started: Date.now(),
  };
  const nextPair = () => {
    const p = pair++;
    if (p >= people.length * codes.length) return null; // every (person, station) pair used: this phone stops
    const person = people[p % people.length];
    const station = codes[Math.floor(p / people.length) % codes.length];
    return { person, station, ip: loopIp(p % people.length) };
  };
  const phone = async () => {
    while (running) {
      const next = nextPair();
      if (!next) {
        log.exhausted = true;
        return;
      }
      const { person, station, ip } = next;
      const clientRequestId = uuid();
      let done = false;
      for (let attempt = 0; attempt < maxRetries && !done; attempt++) {
        const r = await call('nginx', 'POST', '/api/v1/checkins', { token: person.token, body: { code: station.code, clientRequestId }, ip, timeoutMs: 20000 });
        log.attempts++;
        log.statuses[r.status] = (log.statuses[r.status] ?? 0) + 1;
        if (r.status === 200) {
          log.acked.push({ clientRequestId, id: r.body.id, userId: person.id, stationId: station.stationId, duplicate: r.body.duplicate });
          done = true;
        } else {
          if (attempt === 0) log.firstTryFailures++;
          if (r.status !== 0 && r.status < 500) break; // a refusal is an answer
          await sleep(250);
        }
      }
      if (!done) log.failedForGood++;
      if (pause) await sleep(pause);
    }
  };
  const getter = async () => {
    let i = 0;
    while (running) {
      const r = await call('nginx', 'GET', `/api/v1/stations/${codes[i++ % codes.length].stationId}`, { ip: loopIp(4000 + (i % 200)) });
      log.gets.statuses[r.status] = (log.gets.statuses[r.status] ?? 0) + 1;
      if (r.status === 200) log.gets.ok++;
      else {
        log.gets.failed++;
        if (r.status === 0 && log.gets.errors.length < 5)
          log.gets.errors.push(`${r.error?.code ?? r.error?.message} (kept-alive socket: ${r.reused}, answer begun: ${r.answered})`);
      }
      await sleep(20);
    }
  };
  people = people.slice(50); // the first 50 people check in in the other tests
  const tasks = [...Array.from({ length: clients }, phone), ...(getsToo ? [getter(), getter()] : [])];
  return {
    log,
    nextPair: () => pair,
    stop: async () => {
      running = false;
      await Promise.all(tasks);
      log.seconds = (Date.now() - log.started) / 1000;
      return log;
    },
  };
}

/** Every acknowledged check-in is stored exactly once: its row, under its clientRequestId, on `node`. */
export async function verifyAcked(node, acked) {
  const problems = [];
  if (acked.length === 0) return ['nothing was acknowledged'];
  const ids = acked.map((a) => a.clientRequestId);
  const rows = [];
  for (let i = 0; i < ids.length; i += 500)
    rows.push(...(await sqlOn(node, 'SELECT id, userId, stationId, clientRequestId FROM checkin WHERE clientRequestId IN (?)', [ids.slice(i, i + 500)])));
  const byRid = new Map();
  for (const r of rows) byRid.set(r.clientRequestId, [...(byRid.get(r.clientRequestId) ?? []), r]);
  for (const a of acked) {
    const got = byRid.get(a.clientRequestId) ?? [];
    if (a.duplicate) {
      problems.push(`check-in ${a.clientRequestId} was answered as a repeat of another visit`);
      continue;
    }
    if (got.length !== 1) problems.push(`acknowledged check-in ${a.clientRequestId} stored ${got.length} times`);
    else if (Number(got[0].id) !== Number(a.id)) problems.push(`check-in ${a.clientRequestId} acknowledged as ${a.id} but stored as ${got[0].id}`);
  }
  const pairs = await sqlOn(node, 'SELECT userId, stationId, COUNT(*) AS n FROM checkin WHERE clientRequestId IN (?) GROUP BY userId, stationId HAVING n > 1', [
    ids.slice(0, 5000),
  ]);
  if (pairs.length) problems.push(`${pairs.length} (person, station) pairs have two visits`);
  return problems;
}
