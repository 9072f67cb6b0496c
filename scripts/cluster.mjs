#!/usr/bin/env node
// The scaled-out shape on this machine, loopback only: a three-node MariaDB Galera cluster, a Redis,
// BFF processes and nginx in front. `npm run cluster` starts it and prints the one URL;
// `npm run cluster -- stop` stops all of it. Everything lives under .cluster/ (gitignored).
// Also a library for test/cluster: start/stop/kill single nodes and BFFs.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIR = process.env.XLX_CLUSTER_DIR ?? path.join(ROOT, '.cluster');
const BASE = Number(process.env.XLX_CLUSTER_PORT_BASE ?? 3311);
/** Ports (below the ephemeral range, so that no client socket takes them): nodes 3311-3313, gcomm 1457x, IST 1458x, SST 1459x, Redis 6391, BFFs 3321-3323, nginx 8088. */
export const NODES = [1, 2, 3].map((n) => ({
  n,
  name: `node${n}`,
  port: BASE + n - 1,
  gcomm: 14570 + n,
  ist: 14580 + n,
  sst: 14590 + n,
  dir: path.join(DIR, `node${n}`),
}));
export const BFF_COUNT = Number(process.env.XLX_CLUSTER_BFFS ?? 3);
export const BFFS = Array.from({ length: BFF_COUNT }, (_, i) => ({ n: i + 1, port: BASE + 10 + i, dir: path.join(DIR, `bff${i + 1}`) }));
export const REDIS_PORT = BASE + 3080; // 6391
export const NGINX_PORT = Number(process.env.XLX_CLUSTER_HTTP_PORT ?? 8088);
export const URL_ = `http://127.0.0.1:${NGINX_PORT}/`;
export const DB_NAME = 'xinlianxin';
export const DB_USER = 'xlx';
export const DB_PASS = 'xlx-cluster';
const GALERA = process.env.GALERA_PROVIDER ?? '/usr/lib/galera/libgalera_smm.so';
const MARIADBD = process.env.MARIADBD ?? (fs.existsSync('/usr/sbin/mariadbd') ? '/usr/sbin/mariadbd' : 'mariadbd');
const NGINX = process.env.NGINX ?? (fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
const isRoot = process.getuid?.() === 0;
/** mariadbd refuses to run as root; rsync state transfer fails as root too. */
const DB_OS_USER = isRoot ? 'mysql' : os.userInfo().username;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error('[cluster]', ...a);

/** The BFF i talks to node i first and fails over to the others in order (see bff/src/db/data-source.ts). */
export function databaseUrlFor(i) {
  const order = NODES.map((_, k) => NODES[(i + k) % NODES.length]);
  return `mariadb://${DB_USER}:${DB_PASS}@${order.map((n) => `127.0.0.1:${n.port}`).join(',')}/${DB_NAME}`;
}
export const nodeUrl = (node, db = DB_NAME) => `mysql://${DB_USER}:${DB_PASS}@127.0.0.1:${node.port}/${db}`;

function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

function readPid(file) {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    if (pid > 0) {
      process.kill(pid, 0);
      return pid;
    }
  } catch {
    // already gone, or not started: nothing to do
  }
  return null;
}

function chownToDbUser(p) {
  if (isRoot) execFileSync('chown', ['-R', `${DB_OS_USER}:${DB_OS_USER}`, p]);
}

function mariadbArgs(node, { bootstrap }) {
  const others = NODES.map((x) => `127.0.0.1:${x.gcomm}`).join(',');
  return [
    '--no-defaults',
    `--datadir=${path.join(node.dir, 'data')}`,
    `--socket=${path.join(node.dir, 'mysqld.sock')}`,
    `--pid-file=${path.join(node.dir, 'mysqld.pid')}`,
    `--log-error=${path.join(node.dir, 'error.log')}`,
    `--port=${node.port}`,
    '--bind-address=127.0.0.1',
    '--skip-name-resolve',
    ...(isRoot ? [`--user=${DB_OS_USER}`] : []),
    '--binlog-format=ROW',
    '--default-storage-engine=InnoDB',
    '--innodb-autoinc-lock-mode=2',
    '--innodb-buffer-pool-size=64M',
    '--innodb-log-file-size=48M',
    '--innodb-flush-log-at-trx-commit=2',
    '--max-connections=300',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    '--wsrep-on=ON',
    `--wsrep-provider=${GALERA}`,
    '--wsrep-cluster-name=xlx-cluster',
    `--wsrep-node-name=${node.name}`,
    `--wsrep-node-address=127.0.0.1:${node.gcomm}`,
    `--wsrep-cluster-address=gcomm://${bootstrap ? '' : others}`,
    `--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${node.gcomm};ist.recv_addr=127.0.0.1:${node.ist};gcache.size=128M;evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT6S`,
    `--wsrep-sst-receive-address=127.0.0.1:${node.sst}`,
    `--wsrep-sst-method=${process.env.XLX_CLUSTER_SST ?? 'rsync'}`,
    '--wsrep-slave-threads=2',
    // Tables without a primary key would replicate badly; refuse them (MariaDB 10.6+).
    '--wsrep-mode=REQUIRED_PRIMARY_KEY',
  ];
}

/** Starts one node's mariadbd (detached); resolves when it answers SQL and is Synced. */
export async function startNode(node, { bootstrap = false, timeoutMs = 180000 } = {}) {
  fs.mkdirSync(path.join(node.dir, 'data'), { recursive: true });
  chownToDbUser(node.dir);
  const args = mariadbArgs(node, { bootstrap });
  const position = recoverPosition(node, args);
  if (position) args.push(`--wsrep-start-position=${position}`);
  const child = spawn(MARIADBD, args, { detached: true, stdio: 'ignore' });
  child.unref();
  fs.writeFileSync(path.join(node.dir, 'launcher.pid'), String(child.pid));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${node.name} exited (${child.exitCode}); see ${path.join(node.dir, 'error.log')}`);
    if (await portOpen(node.port)) {
      const state = await sqlAsRoot(node, "SHOW STATUS LIKE 'wsrep_local_state_comment'").catch(() => '');
      if (/Synced/.test(state)) return child.pid;
    }
    await sleep(300);
  }
  throw new Error(`${node.name} did not become Synced in ${timeoutMs / 1000}s; see ${path.join(node.dir, 'error.log')}`);
}

/**
 * After a crash (kill -9) grastate.dat has no seqno: ask InnoDB where this node stopped
 * (`--wsrep-recover`), as the packaged start scripts do, so that it can rejoin by IST (only the
 * missed write-sets) instead of a full copy.
 */
function recoverPosition(node, args) {
  const grastate = path.join(node.dir, 'data', 'grastate.dat');
  if (!fs.existsSync(grastate) || !/seqno:\s*-1/.test(fs.readFileSync(grastate, 'utf8')) || !fs.existsSync(path.join(node.dir, 'data', 'ibdata1'))) return null;
  const logFile = path.join(node.dir, 'recover.log');
  try {
    fs.rmSync(logFile, { force: true });
  } catch {
    // already gone, or not started: nothing to do
  }
  spawnSync(MARIADBD, [...args.filter((a) => !a.startsWith('--log-error=')), `--log-error=${logFile}`, '--wsrep-recover'], {
    stdio: 'ignore',
    timeout: 120000,
  });
  const m = /Recovered position:\s*([0-9a-f-]{36}:-?\d+)/.exec(fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  return m && !m[1].endsWith(':-1') ? m[1] : null;
}

/** The client as root over the node's socket (root has no password inside this private cluster). */
export function sqlAsRoot(node, sql) {
  return new Promise((resolve, reject) => {
    const p = spawn('mariadb', ['--no-defaults', `--socket=${path.join(node.dir, 'mysqld.sock')}`, '-uroot', '-N', '-B', '-e', sql], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (err += b));
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(err || `mariadb exited ${code}`))));
  });
}

export function nodePid(node) {
  return readPid(path.join(node.dir, 'mysqld.pid')) ?? readPid(path.join(node.dir, 'launcher.pid'));
}

/** kill -9 of one node's mariadbd. */
export function killNode(node) {
  const pid = nodePid(node);
  if (pid) process.kill(pid, 'SIGKILL');
  return pid;
}

async function stopPid(pid, signal = 'SIGTERM', waitMs = 60000) {
  if (!pid) return;
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(200);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone, or not started: nothing to do
  }
}

async function initCluster() {
  const first = NODES[0];
  if (!fs.existsSync(path.join(first.dir, 'data', 'mysql'))) {
    log('initialising node1 data (mariadb-install-db)');
    fs.mkdirSync(path.join(first.dir, 'data'), { recursive: true });
    chownToDbUser(first.dir);
    const r = spawnSync(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${path.join(first.dir, 'data')}`,
        ...(isRoot ? [`--user=${DB_OS_USER}`] : []),
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`mariadb-install-db failed:\n${r.stdout}\n${r.stderr}`);
  }
}

/** A cluster whose nodes all stopped is restarted from the node that may bootstrap (safe_to_bootstrap). */
function bootstrapNode() {
  for (const node of NODES) {
    try {
      if (/safe_to_bootstrap:\s*1/.test(fs.readFileSync(path.join(node.dir, 'data', 'grastate.dat'), 'utf8'))) return node;
    } catch {
      // already gone, or not started: nothing to do
    }
  }
  return NODES[0];
}

export async function startDatabase() {
  await initCluster();
  const boot = bootstrapNode();
  if (!nodePid(boot)) {
    log(`bootstrapping the cluster on ${boot.name} (:${boot.port})`);
    try {
      // A clean stop leaves safe_to_bootstrap: 1 on the last node; a crash on none: then node1 takes it.
      const f = path.join(boot.dir, 'data', 'grastate.dat');
      if (fs.existsSync(f)) fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/safe_to_bootstrap:\s*0/, 'safe_to_bootstrap: 1'));
    } catch {
      // already gone, or not started: nothing to do
    }
    await startNode(boot, { bootstrap: true });
    await sqlAsRoot(
      boot,
      `CREATE DATABASE IF NOT EXISTS ${DB_NAME} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
       CREATE USER IF NOT EXISTS '${DB_USER}'@'127.0.0.1' IDENTIFIED BY '${DB_PASS}';
       GRANT ALL PRIVILEGES ON *.* TO '${DB_USER}'@'127.0.0.1';`,
    );
  }
  for (const node of NODES) {
    if (node === boot || nodePid(node)) continue;
    log(`starting ${node.name} (:${node.port}), joining by state transfer`);
    await startNode(node);
  }
}

export async function startRedis() {
  const dir = path.join(DIR, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  if (readPid(path.join(dir, 'redis.pid'))) return;
  const r = spawnSync(
    'redis-server',
    [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '--port',
      String(REDIS_PORT),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--pidfile',
      path.join(dir, 'redis.pid'),
      '--logfile',
      path.join(dir, 'redis.log'),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`redis-server failed: ${r.stderr}`);
  for (let i = 0; i < 50 && !(await portOpen(REDIS_PORT)); i++) await sleep(100);
}

let demoLoaded = false;
export function bffEnv(bff, { demo = false } = {}) {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    DEV_SIGNIN: 'true',
    HOST: '127.0.0.1',
    PORT: String(bff.port),
    DATABASE_URL: databaseUrlFor(bff.n - 1),
    DB_POOL_SIZE: process.env.XLX_CLUSTER_POOL ?? '10',
    REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
    RATE_LIMIT_NAMESPACE: 'xlxcluster',
    RATE_LIMIT_SCALE: process.env.XLX_CLUSTER_RATE_LIMIT_SCALE ?? '1',
    // Several processes loading demo data at once on different nodes would each see an empty store.
    DEMO_DATA: demo ? 'true' : 'false',
    PUBLIC_URL: URL_.replace(/\/$/, ''),
    TRUST_PROXY_HOPS: '1',
    SHUTDOWN_GRACE_MS: '15000',
    LOG_LEVEL: process.env.XLX_CLUSTER_LOG_LEVEL ?? 'warn',
    DATA_DIR: bff.dir,
  };
}

/** Starts one BFF process (detached, logs to .cluster/bffN/bff.log); resolves when it listens. */
export async function startBff(bff, { timeoutMs = 120000, demo = false } = {}) {
  if (demo) demoLoaded = true;
  fs.mkdirSync(bff.dir, { recursive: true });
  const out = fs.openSync(path.join(bff.dir, 'bff.log'), 'w');
  const child = spawn(process.execPath, [path.join(ROOT, 'bff', 'dist', 'server.js')], {
    env: bffEnv(bff, { demo }),
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  fs.closeSync(out);
  fs.writeFileSync(path.join(bff.dir, 'bff.pid'), String(child.pid));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bff${bff.n} exited (${child.exitCode}); see ${path.join(bff.dir, 'bff.log')}`);
    if (await portOpen(bff.port)) return child.pid;
    await sleep(200);
  }
  throw new Error(`bff${bff.n} did not listen in ${timeoutMs / 1000}s`);
}

export const bffPid = (bff) => readPid(path.join(bff.dir, 'bff.pid'));
export async function stopBff(bff, signal = 'SIGTERM') {
  await stopPid(bffPid(bff), signal, 30000);
}

/** BFFs taken out of nginx's rotation (a rolling restart drains one at a time). */
const drained = new Set();
export function nginxConf() {
  const dir = path.join(DIR, 'nginx');
  return `# Written by scripts/cluster.mjs (the template is the function nginxConf there).
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  # Which BFFs served each request: a POST must never have been sent to two (see test/cluster).
  log_format upstreams '$request_method $uri $status upstream=[$upstream_addr] status=[$upstream_status] sent=[$upstream_bytes_sent]';
  access_log ${dir}/access.log upstreams;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  client_max_body_size 12m;

  upstream xlx_bff {
    # Passive health checks: 1 failure takes a BFF out for 5 s, then it is tried again.
${BFFS.map((b) => `    server 127.0.0.1:${b.port} max_fails=1 fail_timeout=5s${drained.has(b.n) ? ' down' : ''};`).join('\n')}
    keepalive 64;
  }

  server {
    listen 127.0.0.1:${NGINX_PORT};
    location / {
      proxy_pass http://xlx_bff;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A BFF that refuses the connection or does not answer: the request goes to the next one,
      # but only when it is safe to repeat (GET, HEAD, ...): non_idempotent is NOT set, so a POST
      # that may have reached a BFF is never sent twice. A GET answered 502/503 (that BFF has lost its
      # database node) is asked again at the next BFF; 503 also counts as a failure for max_fails.
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
      proxy_next_upstream_timeout 10s;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
    }
  }
}
`;
}

export async function startNginx() {
  const dir = path.join(DIR, 'nginx');
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConf());
  if (readPid(path.join(dir, 'nginx.pid'))) {
    spawnSync(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-s', 'reload']);
    return;
  }
  const r = spawnSync(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon on;'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`nginx failed: ${r.stderr}`);
  for (let i = 0; i < 50 && !(await portOpen(NGINX_PORT)); i++) await sleep(100);
}

/**
 * Restarts every BFF, one at a time, without a failed request: nginx stops sending it new requests
 * (marked down, graceful reload), the BFF gets SIGTERM and finishes what it has, starts again, and
 * goes back into the rotation.
 */
export async function rollingRestart({ onStep = () => undefined } = {}) {
  for (const b of BFFS) {
    drained.add(b.n);
    await startNginx();
    await sleep(1500); // old nginx workers finish the requests they hold
    await stopBff(b, 'SIGTERM');
    onStep(`bff${b.n} stopped`);
    await startBff(b);
    drained.delete(b.n);
    await startNginx();
    onStep(`bff${b.n} back`);
    await sleep(500);
  }
}

export async function start() {
  if (
    !fs.existsSync(path.join(ROOT, 'bff', 'dist', 'server.js')) ||
    (!process.env.XLX_CLUSTER_NO_H5 && !fs.existsSync(path.join(ROOT, 'client', 'dist', 'h5', 'index.html')))
  ) {
    log('building the server and the H5 app');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'server', 'h5'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
  fs.mkdirSync(DIR, { recursive: true });
  await startDatabase();
  await startRedis();
  log(`starting ${BFFS.length} BFF processes together (:${BFFS[0].port}-${BFFS[BFFS.length - 1].port}); one runs the migrations, the others wait`);
  await Promise.all(BFFS.filter((b) => !bffPid(b)).map((b) => startBff(b)));
  // Demo data (DEMO_DATA=true) is loaded by one process only after the schema is there: bff1, restarted with it.
  if ((process.env.XLX_CLUSTER_DEMO_DATA ?? 'true') === 'true' && !demoLoaded) {
    await stopBff(BFFS[0]);
    await startBff(BFFS[0], { demo: true });
  }
  await startNginx();
}

export async function stop() {
  for (const b of BFFS) await stopBff(b);
  const ngx = path.join(DIR, 'nginx');
  await stopPid(readPid(path.join(ngx, 'nginx.pid')), 'SIGQUIT', 10000);
  await stopPid(readPid(path.join(DIR, 'redis', 'redis.pid')), 'SIGTERM', 10000);
  // Stop the nodes one after another: the last one stopped may bootstrap the cluster next time.
  for (const node of [...NODES].reverse()) await stopPid(nodePid(node), 'SIGTERM', 90000);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2] ?? 'start';
  try {
    if (cmd === 'stop') {
      await stop();
      log('stopped');
    } else if (cmd === 'start') {
      await start();
      console.log(
        `心连新 cluster is running: ${URL_}  (nginx → ${BFFS.length} BFFs → Galera ${NODES.map((n) => n.port).join('/')}, Redis ${REDIS_PORT}); stop with: npm run cluster -- stop`,
      );
    } else if (cmd === 'restart') {
      await rollingRestart({ onStep: log });
      log('every BFF restarted');
    } else if (cmd === 'status') {
      for (const n of NODES) console.log(n.name, n.port, nodePid(n) ?? 'down');
      for (const b of BFFS) console.log(`bff${b.n}`, b.port, bffPid(b) ?? 'down');
    } else {
      console.error('usage: npm run cluster [-- start|stop|restart|status]');
      process.exit(2);
    }
  } catch (err) {
    console.error(`cluster: ${err.message}`);
    process.exit(1);
  }
}
