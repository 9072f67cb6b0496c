#!/usr/bin/env node
// Dashboards at province scale: the whole Zhejiang tree (province, 11 cities, 90 districts, about
// 1,080 streets), 3,000 stations, 100,000 workers, 10 million visits over three years and 2,000
// events with registrations, generated in SQL on MariaDB (sequence tables and INSERT … SELECT), the
// rollup built from them; then the admin's province dashboard and one district's through the real
// BFF, 8 at once. Target: p99 under 200 ms for both.
//
// The data lives in its own database (xlx_province) and is kept between runs while its version and
// scale match, so a re-run only measures. `--rebuild` (or BENCH_PROVINCE_REBUILD=1) loads it afresh;
// `--scale=0.01` (or BENCH_PROVINCE_SCALE) makes a smaller one (its own database) while developing.
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { cpuSeconds, drive, fmt, machine, MYSQL_SERVER, request, ROOT, startBff } from './lib.mjs';

const require = createRequire(import.meta.url);
const { rollupBackfillSql, chinaDayNumber } = require(path.join(ROOT, 'bff', 'dist', 'services', 'visit-rollup.js'));
const { MYSQL_MIGRATIONS } = require(path.join(ROOT, 'bff', 'dist', 'db', 'migrations', 'index.js'));
/** The schema the kept data was made with: the migrations that had run. */
const SCHEMA = MYSQL_MIGRATIONS.map((m) => m.name).join(',');

/** Bump when the generated data or the schema it needs changes: a kept database of another version is rebuilt. */
const DATA_VERSION = 1;
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const SCALE = Number(arg('scale') ?? process.env.BENCH_PROVINCE_SCALE ?? 1);
const REBUILD = process.argv.includes('--rebuild') || process.env.BENCH_PROVINCE_REBUILD === '1';
const DB_NAME = SCALE === 1 ? 'xlx_province' : `xlx_province_${String(SCALE).replace('.', '_')}`;

const CITIES = ['杭州', '宁波', '温州', '嘉兴', '湖州', '绍兴', '金华', '衢州', '舟山', '台州', '丽水'];
const DISTRICTS = 90;
const STREETS_PER_DISTRICT = 12;
const STATIONS = 3000;
const WORKERS = 100000;
const VISITS = Math.round(10_000_000 * SCALE);
const DAYS = 3 * 365;
const EVENTS = 2000;
const PER_EVENT = 40;

function dbUrl() {
  const url = new URL(MYSQL_SERVER);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
}

/** Whether the kept database holds this version at this scale, made under the same migrations. */
async function loaded(admin) {
  try {
    const [[row]] = await admin.query(`SELECT version, scale, \`schema\` FROM \`${DB_NAME}\`.bench_meta`);
    return row && Number(row.version) === DATA_VERSION && Number(row.scale) === SCALE && row.schema === SCHEMA;
  } catch {
    return false;
  }
}

const timed = async (label, steps, fn) => {
  const t = Date.now();
  await fn();
  steps.push([label, (Date.now() - t) / 1000]);
};

/** Loads everything into the (freshly migrated) database; returns seconds per step. */
async function load(conn) {
  const steps = [];
  const now = Date.now();
  // The tree: ids chosen here so the paths are known without reading back.
  await timed('organisation tree', steps, async () => {
    const rows = [[1, '浙江省总工会', 'province', null, '/1/']];
    let id = 100;
    const districts = [];
    CITIES.forEach((city, c) => rows.push([2 + c, `${city}市总工会`, 'city', 1, `/1/${2 + c}/`]));
    for (let d = 0; d < DISTRICTS; d++) {
      const c = d % CITIES.length;
      const did = id++;
      districts.push(did);
      rows.push([did, `${CITIES[c]}市第${Math.floor(d / CITIES.length) + 1}区总工会`, 'district', 2 + c, `/1/${2 + c}/${did}/`]);
    }
    for (const [i, did] of districts.entries()) {
      const dpath = rows.find((r) => r[0] === did)[4];
      for (let s = 0; s < STREETS_PER_DISTRICT; s++) {
        const sid = 1000 + i * STREETS_PER_DISTRICT + s;
        rows.push([sid, `${rows.find((r) => r[0] === did)[1].replace('总工会', '')}第${s + 1}街道工会`, 'street', did, `${dpath}${sid}/`]);
      }
    }
    await conn.query('INSERT INTO organisation (id, name, level, parentId, path) VALUES ?', [rows]);
  });
  const streets = DISTRICTS * STREETS_PER_DISTRICT;
  await timed('stations', steps, () =>
    conn.query(
      `INSERT INTO station (id, organisationId, name, address, latitude, longitude, open24h, amenities, photos, qrSecret)
       SELECT seq, 1000 + seq % ${streets}, CONCAT('驿站', seq), CONCAT('浙江省 第', seq, '号'), 28 + (seq % 300) / 100, 118 + (seq % 400) / 100, 1, 'water,charging', '[]', REPEAT('s', 64)
       FROM seq_1_to_${STATIONS}`,
    ),
  );
  await timed('workers', steps, () =>
    conn.query(
      `INSERT INTO user (id, devName, nickname, occupation)
       SELECT 1000000 + seq, CONCAT('province-worker-', seq), CONCAT('工友', seq), ELT(1 + seq % 5, 'courier', 'food_delivery', 'ride_hailing', 'truck_driver', 'domestic')
       FROM seq_0_to_${WORKERS - 1}`,
    ),
  );
  // Visits: the n-th at an even pace over three years up to now, a scrambled worker and station each.
  // The secondary indexes are built once at the end (a sort), far faster than row by row.
  await timed('visits', steps, async () => {
    await conn.query('ALTER TABLE checkin DROP INDEX uq_checkin_request, DROP INDEX idx_checkin_station_time, DROP INDEX idx_checkin_user_time');
    const step = (DAYS * 86400) / VISITS;
    const start = new Date(now - DAYS * 864e5);
    const CHUNK = 1_000_000;
    for (let from = 0; from < VISITS; from += CHUNK) {
      const to = Math.min(VISITS, from + CHUNK) - 1;
      await conn.query(
        `INSERT INTO checkin (userId, stationId, checkedInAt, receivedAt, offline, method, distanceMetres, clientRequestId)
         SELECT 1000000 + (seq * 7919 + seq DIV 3) % ${WORKERS}, 1 + (seq * 104729) % ${STATIONS}, t, t, 0, IF(seq % 3 = 0, 'rotating', 'printed'), NULL, CONCAT('p', seq)
         FROM (SELECT seq, ? + INTERVAL FLOOR(seq * ${step} * 1000) * 1000 MICROSECOND AS t FROM seq_${from}_to_${to}) v`,
        [start],
      );
    }
  });
  // The rollup, as the migration builds it (before the visits' indexes: one pass over the table); workers' last days from the last 60 days (the dashboard looks back 30).
  await timed('rollup', steps, async () => {
    // Its GROUP BY has a group per station-day (3.3 million): let this session group them in memory.
    await conn.query('SET SESSION tmp_table_size = 1073741824, max_heap_table_size = 1073741824');
    for (const sql of rollupBackfillSql('mysql', chinaDayNumber(new Date(now)) - 60)) await conn.query(sql);
  });
  await timed('visit indexes', steps, () =>
    conn.query(
      'ALTER TABLE checkin ADD UNIQUE INDEX uq_checkin_request (userId, clientRequestId), ADD INDEX idx_checkin_station_time (stationId, checkedInAt, userId), ADD INDEX idx_checkin_user_time (userId, checkedInAt)',
    ),
  );
  // Events across the tree over the three years (a tenth still to come), 40 registrations each.
  await timed('events and registrations', steps, async () => {
    const start = new Date(now - DAYS * 864e5);
    const span = ((DAYS + 60) * 864e5) / EVENTS;
    await conn.query(
      `INSERT INTO event (id, organisationId, kind, title, description, venue, startsAt, endsAt, registrationOpensAt, registrationClosesAt, capacity, confirmedCount, waitlist, eligibleGenders, eligibleOccupations, membersOnly, selfCheckin, status, qrSecret)
       SELECT seq, IF(seq % 2 = 0, 100 + seq % ${DISTRICTS}, 1000 + seq % ${streets}), IF(seq % 10 = 0, 'matchmaking', 'lecture'), CONCAT('活动', seq), '', '浙江', t, t + INTERVAL 2 HOUR, t - INTERVAL 7 DAY, t - INTERVAL 1 HOUR, 50, ${PER_EVENT}, 1, '', '', 0, 0, 'published', REPEAT('e', 64)
       FROM (SELECT seq, ? + INTERVAL FLOOR(seq * ${span / 1000}) SECOND AS t FROM seq_1_to_${EVENTS}) v`,
      [start],
    );
    await conn.query(
      `INSERT INTO registration (eventId, userId, status, queuedAt, checkedInAt, completed)
       SELECT e.id, 1000000 + (e.id * ${PER_EVENT} + k.seq) % ${WORKERS}, 'confirmed', e.registrationOpensAt, IF(k.seq % 5 = 0 OR e.startsAt > NOW(), NULL, e.startsAt), 0
       FROM event e JOIN seq_0_to_${PER_EVENT - 1} k`,
    );
  });
  await timed('analyze', steps, () => conn.query('ANALYZE TABLE checkin, station, organisation, event, registration, visit_day, visit_worker_last, user'));
  await conn.query(
    'CREATE TABLE bench_meta (version INT NOT NULL, scale DOUBLE NOT NULL, `schema` TEXT NOT NULL, loadedAt DATETIME NOT NULL, loadSeconds DOUBLE NOT NULL)',
  );
  const total = steps.reduce((a, [, s]) => a + s, 0);
  await conn.query('INSERT INTO bench_meta VALUES (?, ?, ?, NOW(), ?)', [DATA_VERSION, SCALE, SCHEMA, total]);
  return steps;
}

/** A person granted `role` on an organisation, signed in afresh so the session carries the grant. */
async function grantee(bff, conn, name, organisationId, role) {
  const first = (await request(bff.url, 'POST', '/api/v1/auth/dev', { body: { name } })).body;
  await conn.query('INSERT IGNORE INTO role_grant (userId, organisationId, role) VALUES (?, ?, ?)', [first.me.id, organisationId, role]);
  return (await request(bff.url, 'POST', '/api/v1/auth/dev', { body: { name } })).body.token;
}

async function measure(bff, token, orgId) {
  const url = `/api/v1/organiser/organisations/${orgId}/dashboard`;
  const first = await request(bff.url, 'GET', url, { token });
  if (first.status !== 200) throw new Error(`dashboard ${orgId} answered ${first.status}: ${JSON.stringify(first.body)}`);
  await drive(8, 1, () => request(bff.url, 'GET', url, { token }));
  // The BFF's CPU per request: what the figure costs, whatever else the machine runs.
  const before = cpuSeconds(bff.pid);
  const concurrent = await drive(200, 8, () => request(bff.url, 'GET', url, { token }));
  const after = cpuSeconds(bff.pid);
  concurrent.cpuMs = after === null || before === null ? null : ((after - before) * 1000) / concurrent.total;
  if (Object.keys(concurrent.statuses).some((s) => s !== '200')) throw new Error(`dashboard ${orgId}: ${JSON.stringify(concurrent.statuses)}`);
  return { firstMs: first.ms, concurrent, visits: first.body.visits };
}

export async function benchProvince() {
  const admin = await mysql.createConnection({ uri: MYSQL_SERVER });
  let steps = null;
  const kept = !REBUILD && (await loaded(admin));
  if (!kept) {
    await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
    await admin.query(`CREATE DATABASE \`${DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
  // Starting the BFF migrates the new database; the data goes in beside it.
  let bff = await startBff({ DATABASE_URL: dbUrl(), DEMO_DATA: 'false', DB_POOL_SIZE: '10' });
  const conn = await mysql.createConnection({ uri: dbUrl().replace(/^mariadb:/, 'mysql:') });
  try {
    if (!kept) {
      steps = await load(conn);
      // Measure a BFF that starts on the loaded data, as a restarted process would.
      await bff.stop();
      bff = await startBff({ DATABASE_URL: dbUrl(), DEMO_DATA: 'false', DB_POOL_SIZE: '10' });
    }
    const [[counts]] = await conn.query(
      'SELECT (SELECT COUNT(*) FROM checkin) AS visits, (SELECT COUNT(*) FROM station) AS stations, (SELECT COUNT(*) FROM organisation) AS orgs, (SELECT COUNT(*) FROM event) AS events, (SELECT loadSeconds FROM bench_meta) AS loadSeconds',
    );
    const [[size]] = await admin.query('SELECT SUM(data_length + index_length) AS bytes FROM information_schema.tables WHERE table_schema = ?', [DB_NAME]);
    const district = 100 + 5; // 绍兴市第1区
    const adminToken = await grantee(bff, conn, '省总工会管理员', 1, 'admin');
    const districtToken = await grantee(bff, conn, '区总工会组织者', district, 'organiser');
    const province = await measure(bff, adminToken, 1);
    const one = await measure(bff, districtToken, district);
    return { kept, steps, counts: { ...counts, loadSeconds: Number(counts.loadSeconds) }, bytes: Number(size.bytes), province, district: one };
  } finally {
    await conn.end();
    await bff.stop();
    await admin.end();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchProvince();
  const c = r.counts;
  console.log(
    `province benchmark (${DB_NAME}, scale ${SCALE}): ${c.visits} visits, ${c.stations} stations, ${c.orgs} organisations, ${c.events} events; ${(r.bytes / 2 ** 30).toFixed(2)} GiB; MariaDB, ${machine()}`,
  );
  if (r.steps) console.log(`loaded in ${fmt(c.loadSeconds, 0)} s: ${r.steps.map(([l, s]) => `${l} ${fmt(s, 0)} s`).join(', ')}`);
  else console.log(`kept from an earlier run (loaded in ${fmt(c.loadSeconds, 0)} s); --rebuild loads it afresh`);
  for (const [name, m] of [
    ['province (admin)', r.province],
    ['one district', r.district],
  ]) {
    console.log(
      `${name}: first request ${fmt(m.firstMs)} ms; 8 at once: p50 ${fmt(m.concurrent.p50)} ms, p99 ${fmt(m.concurrent.p99)} ms, ${fmt(m.concurrent.rps, 0)} requests/s; BFF CPU per request ${m.concurrent.cpuMs === null ? '–' : fmt(m.concurrent.cpuMs)} ms; today ${m.visits.today} visits, ${m.visits.workers30d} workers in 30 days`,
    );
  }
}
