// Small, dependency-free helpers for the benchmarks: start the real BFF, make a scratch MariaDB
// database, and drive HTTP load with a fixed concurrency over keep-alive connections.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MYSQL_SERVER = process.env.BENCH_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306/test';

/** A scratch database, dropped by the returned drop(). */
export async function scratchDatabase(prefix) {
  const name = `${prefix}_${Date.now()}`;
  const admin = await mysql.createConnection({ uri: MYSQL_SERVER });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(MYSQL_SERVER);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    /** `keep` leaves it in place (to EXPLAIN the queries against real data) and says so. */
    drop: async ({ keep = false } = {}) => {
      if (keep) console.log(`kept database ${name}`);
      else await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

/** Starts a node script that prints "running: http://host:port/" and returns its base URL. */
export function startServer(script, env) {
  const proc = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []), script], {
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60000);
    const onData = (b) => {
      out += b.toString();
      const m = /running: (http:\/\/[^/\s]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          pid: proc.pid,
          stop: () => new Promise((r) => (proc.exitCode !== null ? r() : (proc.once('exit', r), proc.kill('SIGTERM')))),
        });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

export function startBff(env) {
  // Limits stay on (their cost is part of the figure) but scaled so that one load generator on one address fits.
  return startServer(path.join(ROOT, 'bff', 'dist', 'server.js'), { DEV_SIGNIN: 'true', RATE_LIMIT_SCALE: '1000', ...env });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One JSON request; resolves with { status, body, ms }. */
export function request(base, method, pathname, { body, token } = {}) {
  const url = new URL(pathname, base);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
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
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode, body: parsed, ms: Number(process.hrtime.bigint() - started) / 1e6 });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Runs jobs `from`..`to`-1 with `concurrency` in flight; adds latencies and statuses to `into`. */
async function driveRange(from, to, concurrency, job, into) {
  let next = from;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < to) {
      const i = next++;
      const r = await job(i);
      into.latencies.push(r.ms);
      into.statuses[r.status] = (into.statuses[r.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, to - from) }, worker));
  into.seconds += Number(process.hrtime.bigint() - started) / 1e9;
}

function summary(total, into) {
  const latencies = into.latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { total, seconds: into.seconds, rps: total / into.seconds, p50: pct(50), p99: pct(99), max: latencies[latencies.length - 1], statuses: into.statuses };
}

/**
 * Runs `total` jobs with `concurrency` in flight; `job(i)` returns a request promise.
 * Returns requests/s, latency percentiles and status counts.
 */
export async function drive(total, concurrency, job) {
  const into = { latencies: [], statuses: {}, seconds: 0 };
  await driveRange(0, total, concurrency, job, into);
  return summary(total, into);
}

/**
 * Drives several servers in alternating rounds (a slice of each in turn), so that whatever else
 * the machine is doing weighs on all of them alike. `runs` maps a name to { job, pids }; returns
 * per name what drive() returns, plus CPU ms per request of each pid.
 */
export async function interleave(total, concurrency, rounds, runs) {
  const acc = Object.fromEntries(Object.keys(runs).map((k) => [k, { latencies: [], statuses: {}, seconds: 0, cpu: {} }]));
  const slice = Math.ceil(total / rounds);
  for (let from = 0; from < total; from += slice) {
    const to = Math.min(total, from + slice);
    for (const [name, run] of Object.entries(runs)) {
      const before = Object.fromEntries(Object.entries(run.pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
      await driveRange(from, to, concurrency, run.job, acc[name]);
      for (const [k, pid] of Object.entries(run.pids)) {
        const a = before[k];
        const b = cpuSeconds(pid);
        acc[name].cpu[k] = a === null || b === null || acc[name].cpu[k] === null ? null : (acc[name].cpu[k] ?? 0) + (b - a);
      }
    }
  }
  return Object.fromEntries(
    Object.entries(acc).map(([name, a]) => [
      name,
      { ...summary(total, a), cpuMsPerRequest: Object.fromEntries(Object.entries(a.cpu).map(([k, v]) => [k, v === null ? null : (v * 1000) / total])) },
    ]),
  );
}

/** CPU seconds (user + system) a process has used so far, from /proc; null where there is none. */
export function cpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** The pid of the local MariaDB/MySQL server, when it runs on this machine. */
export function databasePid() {
  for (const name of ['mariadbd', 'mysqld']) {
    try {
      return Number(execFileSync('pidof', ['-s', name], { encoding: 'utf8' }).trim());
    } catch {
      // not running
    }
  }
  return null;
}

export function machine() {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export const fmt = (n, d = 1) => Number(n).toFixed(d);
