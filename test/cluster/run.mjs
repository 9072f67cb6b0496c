#!/usr/bin/env node
// npm run test:cluster: the product on the scaled-out shape (scripts/cluster.mjs: three Galera
// nodes, Redis, three BFF processes, nginx). Starts the cluster when it is not running (and stops
// it again afterwards), runs each check, prints what it saw and, last, `N passed, N failed`.
// `--only=<name,...>` runs some checks; `--keep` leaves the cluster running.
import fs from 'node:fs';
import path from 'node:path';
import { call, checkinLoad, cluster, counters, createEvent, fakeIp, pool, setup, signInPeople, sleep, sqlOn, uuid, verifyAcked } from './lib.mjs';

const args = process.argv.slice(2);
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const keep = args.includes('--keep');
const PEOPLE = Number(process.env.CLUSTER_RUSH_PEOPLE ?? 2000);
const SEATS = Number(process.env.CLUSTER_RUSH_SEATS ?? 100);
// The cluster under test runs with every rate limit ×3, so that 50 scans from one person fit in a
// minute (20 × 3 = 60); the limits checked below are those scaled ones.
process.env.XLX_CLUSTER_RATE_LIMIT_SCALE ??= '3';
const SCALE = Number(process.env.XLX_CLUSTER_RATE_LIMIT_SCALE);

const results = [];
const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const say = (...a) => console.log('   ', ...a);
function expect(ok, message, problems) {
  if (!ok) problems.push(message);
}

let ctx;
let people;

test('every table has a primary key (Galera replicates row changes by key)', async () => {
  const problems = [];
  const rows = await sqlOn(
    cluster.NODES[0],
    `SELECT t.TABLE_NAME AS name FROM information_schema.TABLES t
      LEFT JOIN information_schema.TABLE_CONSTRAINTS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY'
      WHERE t.TABLE_SCHEMA = ? AND t.TABLE_TYPE = 'BASE TABLE' AND c.CONSTRAINT_NAME IS NULL`,
    [cluster.DB_NAME],
  );
  const all = await sqlOn(
    cluster.NODES[0],
    "SELECT COUNT(*) AS n, SUM(ENGINE <> 'InnoDB') AS other FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'",
    [cluster.DB_NAME],
  );
  say(`${all[0].n} tables, ${rows.length} without a primary key, ${Number(all[0].other)} not InnoDB`);
  expect(Number(all[0].n) > 20, 'the schema is missing', problems);
  expect(rows.length === 0, `no primary key: ${rows.map((r) => r.name).join(', ')}`, problems);
  expect(Number(all[0].other) === 0, 'a table is not InnoDB (only InnoDB replicates)', problems);
  return problems;
});

test(`registration rush: ${PEOPLE} people for ${SEATS} seats over ${cluster.BFFS.length} BFFs and ${cluster.NODES.length} nodes, exact`, async () => {
  const problems = [];
  const eventId = await createEvent(ctx.organiser, SEATS, `集群抢报 ${Date.now()}`);
  const t0 = Date.now();
  const rushers = await signInPeople(`集群抢报${Date.now() % 100000}-`, PEOPLE, { offset: 100000 });
  say(`${PEOPLE} signed in in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const started = Date.now();
  const statuses = {};
  const answers = await pool(PEOPLE, PEOPLE, async (i) => {
    const r = await call(cluster.BFFS[i % cluster.BFFS.length], 'POST', `/api/v1/events/${eventId}/registrations`, {
      token: rushers[i].token,
      ip: fakeIp(100000 + i),
      timeoutMs: 120000,
    });
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    return r;
  });
  const seconds = (Date.now() - started) / 1000;
  const confirmedAnswers = answers.filter((r) => r.status === 200 && r.body.status === 'confirmed').length;
  const [counts] = await sqlOn(
    cluster.NODES[2],
    "SELECT SUM(status = 'confirmed') AS confirmed, SUM(status = 'waitlisted') AS waitlisted, COUNT(*) AS total, COUNT(DISTINCT userId) AS people FROM registration WHERE eventId = ?",
    [eventId],
  );
  const [ev] = await sqlOn(cluster.NODES[1], 'SELECT confirmedCount FROM event WHERE id = ?', [eventId]);
  say(
    `${(PEOPLE / seconds).toFixed(0)} requests/s, ${seconds.toFixed(1)} s; statuses ${JSON.stringify(statuses)}; stored ${counts.confirmed} confirmed, ${counts.waitlisted} waitlisted, confirmedCount ${ev.confirmedCount}`,
  );
  expect(statuses[200] === PEOPLE, `not every registration answered 200: ${JSON.stringify(statuses)}`, problems);
  expect(
    Number(counts.confirmed) === SEATS && Number(ev.confirmedCount) === SEATS,
    `confirmed ${counts.confirmed}, confirmedCount ${ev.confirmedCount}, want ${SEATS}`,
    problems,
  );
  expect(Number(counts.waitlisted) === PEOPLE - SEATS, `waitlisted ${counts.waitlisted}, want ${PEOPLE - SEATS}`, problems);
  expect(
    Number(counts.total) === PEOPLE && Number(counts.people) === PEOPLE,
    `${counts.total} rows for ${counts.people} people, want ${PEOPLE} each`,
    problems,
  );
  expect(confirmedAnswers === SEATS, `${confirmedAnswers} people were told confirmed, want ${SEATS}`, problems);
  return problems;
});

test('the same check-in (same clientRequestId) sent to two BFFs at once: one row', async () => {
  const problems = [];
  const rounds = 20;
  for (let k = 0; k < rounds; k++) {
    const person = people[k];
    const station = ctx.codes[(k + 3) % ctx.codes.length];
    const clientRequestId = uuid();
    const [a, b] = cluster.BFFS.slice(k % 2, (k % 2) + 2);
    const answers = await Promise.all(
      [a, b].map((bff) => call(bff, 'POST', '/api/v1/checkins', { token: person.token, body: { code: station.code, clientRequestId }, ip: fakeIp(k) })),
    );
    const rows = await sqlOn(cluster.NODES[k % 3], 'SELECT id FROM checkin WHERE userId = ? AND clientRequestId = ?', [person.id, clientRequestId]);
    if (answers.some((r) => r.status !== 200)) problems.push(`round ${k}: statuses ${answers.map((r) => r.status).join(', ')}`);
    else if (answers[0].body.id !== answers[1].body.id) problems.push(`round ${k}: two answers ${answers[0].body.id} and ${answers[1].body.id}`);
    if (rows.length !== 1) problems.push(`round ${k}: ${rows.length} rows`);
  }
  say(`${rounds} pairs of simultaneous identical check-ins on two BFFs (two nodes)`);
  return problems;
});

test('50 different scans from one person in one window, over every BFF at once: one visit', async () => {
  const problems = [];
  const person = people[30];
  const station = ctx.codes[1];
  const answers = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      call(cluster.BFFS[i % cluster.BFFS.length], 'POST', '/api/v1/checkins', {
        token: person.token,
        body: { code: station.code, clientRequestId: uuid() },
        ip: fakeIp(30),
      }),
    ),
  );
  const statuses = {};
  for (const r of answers) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const ids = new Set(answers.filter((r) => r.status === 200).map((r) => r.body.id));
  const rows = await sqlOn(cluster.NODES[2], 'SELECT COUNT(*) AS n FROM checkin WHERE userId = ? AND stationId = ?', [person.id, station.stationId]);
  say(`statuses ${JSON.stringify(statuses)}, ${ids.size} distinct visit id(s) answered, ${rows[0].n} stored`);
  expect(statuses[200] === 50, `not all 50 answered 200: ${JSON.stringify(statuses)}`, problems);
  expect(ids.size === 1, `${ids.size} different visits answered`, problems);
  expect(Number(rows[0].n) === 1, `${rows[0].n} visits stored`, problems);
  return problems;
});

test('rate limits hold across the BFF processes (Redis counters)', async () => {
  const problems = [];
  // Start inside a fresh minute so that one fixed window holds the whole burst.
  const intoWindow = Date.now() % 60000;
  if (intoWindow > 45000) await sleep(60000 - intoWindow + 200);
  // Check-ins per person: 20 × scale a minute.
  const person = people[40];
  const limit = 20 * SCALE;
  const answers = await pool(limit + 15, 12, (i) =>
    call(cluster.BFFS[i % cluster.BFFS.length], 'POST', '/api/v1/checkins', {
      token: person.token,
      body: { code: ctx.codes[i % ctx.codes.length].code, clientRequestId: uuid() },
      ip: fakeIp(40),
    }),
  );
  const ok = answers.filter((r) => r.status === 200).length;
  const limited = answers.filter((r) => r.status === 429).length;
  say(`check-ins by one person over ${cluster.BFFS.length} BFFs: ${ok} admitted, ${limited} refused with 429 (limit ${limit} a minute)`);
  expect(ok === limit && limited === 15, `admitted ${ok}, refused ${limited}; want ${limit} and 15`, problems);
  // Sign-ins per address: 60 × scale a minute.
  const signLimit = 60 * SCALE;
  const ip = fakeIp(900000 + (Date.now() % 1000));
  const signs = await pool(signLimit + 10, 12, (i) =>
    call(cluster.BFFS[i % cluster.BFFS.length], 'POST', '/api/v1/auth/dev', { body: { name: `限流${i % 5}` }, ip }),
  );
  const signOk = signs.filter((r) => r.status === 200).length;
  say(`sign-ins from one address over ${cluster.BFFS.length} BFFs: ${signOk} admitted (limit ${signLimit} a minute)`);
  expect(signOk === signLimit, `admitted ${signOk} sign-ins, want ${signLimit}`, problems);
  return problems;
});

let pairCursor = 0;
async function underLoad(label, during, { clients = 8 } = {}) {
  const resentBefore = counters.resentOnClosedKeepAlive;
  const load = checkinLoad({ people, codes: ctx.codes, clients, firstPair: pairCursor });
  await sleep(2000);
  await during();
  await sleep(3000);
  const log = await load.stop();
  pairCursor = load.nextPair() + 1;
  say(
    `${label}: ${log.acked.length} check-ins acknowledged in ${log.seconds.toFixed(1)} s (${log.attempts} attempts, first-try failures ${log.firstTryFailures}, never acknowledged ${log.failedForGood}); statuses ${JSON.stringify(log.statuses)}; GETs ${log.gets.ok} ok, ${log.gets.failed} failed ${JSON.stringify(log.gets.statuses)}; sent again after nginx closed an idle kept-alive connection: ${counters.resentOnClosedKeepAlive - resentBefore}${log.gets.errors.length ? `; GET errors: ${log.gets.errors.join('; ')}` : ''}`,
  );
  return log;
}

test('a Galera node killed (kill -9) during load: requests go on through the others, acknowledged writes stored once, the node rejoins by IST', async () => {
  const problems = [];
  const victim = cluster.NODES[1];
  const errorLog = path.join(victim.dir, 'error.log');
  const before = fs.existsSync(errorLog) ? fs.statSync(errorLog).size : 0;
  let killedAt;
  let afterKill;
  const log = await underLoad('node2 killed', async () => {
    const pid = cluster.killNode(victim);
    killedAt = Date.now();
    say(`killed node2 (mariadbd pid ${pid})`);
    // The others evict it once it has been silent past evs.inactive_timeout (6 s) and they agree on
    // a new view; on a loaded machine that agreement can take longer, so wait for it (up to 30 s)
    // with load running, and say when it came.
    await sleep(6000);
    for (let waited = 6000; ; waited += 500) {
      afterKill = await sqlOn(cluster.NODES[0], "SHOW STATUS LIKE 'wsrep_cluster_size'");
      if (afterKill[0].Value === '2' || waited >= 30000) break;
      await sleep(500);
    }
    say(`cluster size seen from node1: ${afterKill[0].Value}, ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`);
    await sleep(2000); // load goes on against the two-node cluster for a while
    await cluster.startNode(victim);
    say(`node2 rejoined and Synced ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`);
  });
  expect(log.failedForGood === 0, `${log.failedForGood} check-ins never succeeded`, problems);
  expect(!log.exhausted, 'the load ran out of (person, station) pairs', problems);
  expect(log.acked.length > 50, `only ${log.acked.length} check-ins went through`, problems);
  expect(log.gets.failed === 0, `${log.gets.failed} GETs failed`, problems);
  expect(afterKill[0].Value === '2', `cluster size ${afterKill[0].Value} after the kill, want 2`, problems);
  problems.push(...(await verifyAcked(cluster.NODES[1], log.acked)));
  const size = await sqlOn(cluster.NODES[1], "SHOW STATUS LIKE 'wsrep_cluster_size'");
  expect(size[0].Value === '3', `cluster size ${size[0].Value} after rejoining, want 3`, problems);
  const counts = await Promise.all(cluster.NODES.map((n) => sqlOn(n, 'SELECT COUNT(*) AS n, MAX(id) AS m FROM checkin')));
  say(`check-in rows per node: ${counts.map((c) => c[0].n).join(' / ')}`);
  expect(new Set(counts.map((c) => `${c[0].n}:${c[0].m}`)).size === 1, 'the nodes disagree on the check-in rows', problems);
  const tail = fs.readFileSync(errorLog, 'utf8').slice(before);
  const ist = /IST received|Receiving IST|Prepared IST receiver/.test(tail);
  const sst = /SST (?:succeeded|completed|received)|Running: 'wsrep_sst_rsync --role 'joiner'/.test(tail) && !ist;
  say(`rejoin by ${ist ? 'IST (incremental)' : sst ? 'SST (full copy)' : 'unknown transfer'}`);
  expect(ist, 'the node did not rejoin by IST', problems);
  return problems;
});

test('a BFF killed (kill -9) during load: nginx moves traffic; only safe requests are retried by nginx', async () => {
  const problems = [];
  const victim = cluster.BFFS[1];
  const accessLog = path.join(cluster.DIR, 'nginx', 'access.log');
  const before = fs.existsSync(accessLog) ? fs.statSync(accessLog).size : 0;
  const log = await underLoad('bff2 killed', async () => {
    const pid = cluster.bffPid(victim);
    process.kill(pid, 'SIGKILL');
    say(`killed bff2 (pid ${pid})`);
    await sleep(5000);
    await cluster.startBff(victim);
    say('bff2 started again');
  });
  const lines = fs.readFileSync(accessLog, 'utf8').slice(before).split('\n').filter(Boolean);
  let postsTwice = 0;
  let getsRetried = 0;
  let postsMoved = 0;
  for (const line of lines) {
    const m = /^(\S+) (\S+) (\d+) upstream=\[([^\]]*)\] status=\[([^\]]*)\] sent=\[([^\]]*)\]/.exec(line);
    if (!m) continue;
    const sent = m[6]
      .split(/[,:]\s*/)
      .map((s) => Number(s.trim()))
      .filter((n) => !Number.isNaN(n));
    const reached = sent.filter((n) => n > 0).length;
    const tries = m[4].split(',').length;
    if (m[1] === 'POST' && reached > 1) postsTwice++;
    if (m[1] === 'POST' && tries > 1) postsMoved++;
    if (m[1] === 'GET' && tries > 1) getsRetried++;
  }
  say(
    `nginx: ${lines.length} requests; GETs retried on another BFF ${getsRetried}; POSTs moved before reaching a BFF ${postsMoved}; POSTs sent to two BFFs ${postsTwice}`,
  );
  expect(postsTwice === 0, `${postsTwice} POSTs were sent to two BFFs`, problems);
  expect(log.gets.failed === 0, `${log.gets.failed} GETs failed (nginx should have retried them)`, problems);
  expect(log.failedForGood === 0, `${log.failedForGood} check-ins never succeeded`, problems);
  problems.push(...(await verifyAcked(cluster.NODES[0], log.acked)));
  return problems;
});

test('a rolling restart of every BFF (SIGTERM, graceful) with zero failed requests', async () => {
  const problems = [];
  const log = await underLoad('rolling restart', () => cluster.rollingRestart({ onStep: (s) => say(s) }), { clients: 6 });
  expect(log.firstTryFailures === 0, `${log.firstTryFailures} check-ins failed on the first try: ${JSON.stringify(log.statuses)}`, problems);
  expect(log.gets.failed === 0, `${log.gets.failed} GETs failed`, problems);
  problems.push(...(await verifyAcked(cluster.NODES[2], log.acked)));
  return problems;
});

test('migrations run once when several BFF processes start together on a fresh database', async () => {
  const problems = [];
  const db = `xlx_migrate_${Date.now()}`;
  await cluster.sqlAsRoot(cluster.NODES[0], `CREATE DATABASE ${db} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const { spawn } = await import('node:child_process');
  const procs = cluster.BFFS.map((b, i) => {
    const env = {
      ...cluster.bffEnv(b),
      PORT: String(b.port + 20),
      DATABASE_URL: cluster.databaseUrlFor(i).replace(`/${cluster.DB_NAME}`, `/${db}`),
      LOG_LEVEL: 'info',
      DEMO_DATA: 'false',
    };
    const p = spawn(process.execPath, [path.join(cluster.ROOT, 'bff', 'dist', 'server.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (c) => (out += c));
    p.stderr.on('data', (c) => (out += c));
    return {
      p,
      out: () => out,
      started: new Promise((resolve) => p.stdout.on('data', () => /is running/.test(out) && resolve(true))).then((v) => v),
      exit: new Promise((r) => p.once('exit', r)),
    };
  });
  const outcome = await Promise.race([Promise.all(procs.map((x) => Promise.race([x.started, x.exit.then(() => false)]))), sleep(180000).then(() => 'timeout')]);
  try {
    const ran = procs.filter((x) => /running migrations \(holding the migration lease\)/.test(x.out())).length;
    const waited = procs.filter((x) => /migrated by another process/.test(x.out())).length;
    const migrations = await sqlOn(cluster.NODES[2], `SELECT COUNT(*) AS n, COUNT(DISTINCT name) AS d FROM ${db}.migrations`);
    const { MYSQL_MIGRATIONS } = await import(path.join(cluster.ROOT, 'bff', 'dist', 'db', 'migrations', 'index.js'));
    say(
      `${procs.length} BFFs started together: ${Array.isArray(outcome) ? outcome.filter(Boolean).length : 0} listening; ${ran} ran the migrations, ${waited} waited; ${migrations[0].n} migration rows for ${MYSQL_MIGRATIONS.length} migrations`,
    );
    expect(
      Array.isArray(outcome) && outcome.every(Boolean),
      `not every BFF started: ${procs
        .map((x) =>
          x
            .out()
            .split('\n')
            .filter((l) => /fail|error/i.test(l))
            .slice(0, 2)
            .join(' | '),
        )
        .join(' ;; ')}`,
      problems,
    );
    expect(ran === 1, `${ran} processes ran the migrations`, problems);
    expect(
      Number(migrations[0].n) === MYSQL_MIGRATIONS.length && Number(migrations[0].d) === MYSQL_MIGRATIONS.length,
      `${migrations[0].n} migration rows, want ${MYSQL_MIGRATIONS.length}`,
      problems,
    );
  } finally {
    for (const x of procs) x.p.kill('SIGTERM');
    await Promise.all(procs.map((x) => Promise.race([x.exit, sleep(20000)])));
    await cluster.sqlAsRoot(cluster.NODES[0], `DROP DATABASE IF EXISTS ${db}`);
  }
  return problems;
});

// --- run ---
let startedHere = false;
try {
  const running = cluster.NODES.every((n) => cluster.nodePid(n)) && cluster.BFFS.every((b) => cluster.bffPid(b));
  if (!running) {
    console.log('starting the cluster (npm run cluster)…');
    const t = Date.now();
    await cluster.start();
    startedHere = true;
    console.log(`cluster up in ${((Date.now() - t) / 1000).toFixed(0)} s: ${cluster.URL_}`);
  } else {
    // A cluster started by `npm run cluster` has the limits ×1: restart its BFFs (rolling) with the test's.
    const env = fs.readFileSync(`/proc/${cluster.bffPid(cluster.BFFS[0])}/environ`, 'utf8').split('\0');
    if (!env.includes(`RATE_LIMIT_SCALE=${SCALE}`)) {
      console.log(`restarting the running cluster's BFFs with RATE_LIMIT_SCALE=${SCALE}…`);
      await cluster.rollingRestart();
    }
  }
  ctx = await setup();
  people = await signInPeople(`集群骑手${Date.now() % 100000}-`, 600);
  for (const t of tests) {
    if (only && !only.some((o) => t.name.toLowerCase().includes(o.toLowerCase()))) continue;
    const t0 = Date.now();
    console.log(`• ${t.name}`);
    let problems;
    try {
      problems = await t.fn();
    } catch (err) {
      problems = [`threw: ${err.stack ?? err}`];
    }
    const ok = problems.length === 0;
    results.push({ name: t.name, ok });
    console.log(
      `  ${ok ? 'PASS' : 'FAIL'} (${((Date.now() - t0) / 1000).toFixed(1)} s)${
        ok
          ? ''
          : `\n${problems
              .slice(0, 10)
              .map((p) => `    ✗ ${p}`)
              .join('\n')}`
      }`,
    );
  }
} catch (err) {
  console.log(`cluster test setup failed: ${err.stack ?? err}`);
  results.push({ name: 'setup', ok: false });
} finally {
  if (startedHere && !keep) await cluster.stop().catch((err) => console.log(`stopping the cluster failed: ${err.message}`));
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
// For test/run-all.mjs (which runs this under CI) to add to its closing line.
fs.mkdirSync(path.join(cluster.ROOT, 'test', 'artifacts'), { recursive: true });
fs.writeFileSync(path.join(cluster.ROOT, 'test', 'artifacts', 'cluster.json'), JSON.stringify({ passed, failed, results }));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
