#!/usr/bin/env node
// The one test command: builds what the tests exercise, runs jest on SQLite, again on MySQL
// (a failure under CI when MySQL is unreachable), then the end-to-end journeys in Chromium and
// the journeys through the built mini-program in the simulated WeChat runtime (test/weapp),
// and prints the closing line `N passed, N failed` from jest's own JSON results.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../scripts/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, 'test', 'artifacts');
fs.mkdirSync(artifacts, { recursive: true });
const isCI = Boolean(process.env.CI);
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7); // sqlite | mysql | e2e | weapp | cluster

function run(cmd, cmdArgs, env = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const notes = [];

function jest(label, jestArgs, env) {
  const out = path.join(artifacts, `jest-${label}.json`);
  fs.rmSync(out, { force: true });
  // --forceExit: a suite that failed before closing its store (a timed-out beforeAll) must not keep
  // jest, and CI, waiting forever once every result is in; the failure itself is counted.
  const status = run('npx', ['jest', '--ci', '--json', '--forceExit', `--outputFile=${out}`, ...jestArgs], env);
  if (!fs.existsSync(out)) {
    totals.failed += 1;
    notes.push(`${label}: jest produced no results (exit ${status})`);
    return;
  }
  const r = JSON.parse(fs.readFileSync(out, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  notes.push(
    `${label}: ${r.numPassedTests} passed, ${r.numFailedTests} failed${r.numRuntimeErrorTestSuites ? `, ${r.numRuntimeErrorTestSuites} suites failed to run` : ''}`,
  );
  // Name what failed next to the closing line, where a CI log that keeps only its tail shows it.
  for (const suite of r.testResults ?? []) {
    const file = path.relative(root, suite.name);
    const failed = (suite.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed) notes.push(`  ✕ ${file} › ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
    if (!failed.length && suite.status === 'failed') notes.push(`  ✕ ${file}: ${firstLine(suite.message)}`);
  }
  if (r.numTotalTests === 0) {
    totals.failed += 1;
    notes.push(`${label}: ran no test`);
  }
}

/** The first meaningful line of a failure message, without colour codes. */
function firstLine(message = '') {
  const lines = String(message)
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('●'));
  return (lines[0] ?? '').slice(0, 300);
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 2000 });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
  });
}

// 1. Build the server (type-checks shared and bff) and, when their sources changed, the H5 client
// (end-to-end) and the weapp client (its output is checked by the client project and run by the
// weapp journeys).
const targets = ['server'];
if (!only || only === 'e2e') targets.push('h5');
if (!only || only === 'sqlite' || only === 'weapp') targets.push('weapp');
if (!build({ targets })) {
  totals.failed += 1;
  notes.push('build failed');
}

// 2. Unit, client-build, service and route tests on the embedded store.
if (!only || only === 'sqlite') jest('sqlite', ['--selectProjects', 'shared', 'client', 'bff'], { TEST_STORE: 'sqlite' });

// 3. The same bff suites on MySQL/MariaDB.
if (!only || only === 'mysql') {
  const url = new URL(process.env.TEST_MYSQL_URL ?? process.env.DATABASE_URL ?? 'mariadb://root@127.0.0.1:3306/test');
  if (await reachable(url.hostname, Number(url.port || 3306))) {
    jest('mysql', ['--selectProjects', 'bff'], { TEST_STORE: 'mysql', TEST_MYSQL_URL: url.toString() });
  } else if (isCI) {
    totals.failed += 1;
    notes.push(`mysql: ${url.host} unreachable (a failure under CI)`);
  } else {
    notes.push(`mysql: ${url.host} unreachable, MySQL suites skipped (start MariaDB to run them)`);
  }
}

// 4. End-to-end journeys in Chromium against the H5 build served by the real BFF.
if (!only || only === 'e2e') jest('e2e', ['--selectProjects', 'e2e', '--runInBand']);

// 5. The built mini-program (client/dist/weapp) in Node with a simulated WeChat, against the real BFF.
if (!only || only === 'weapp') jest('weapp', ['--selectProjects', 'weapp', '--runInBand']);

// 6. The scaled-out shape (test/cluster: three Galera nodes, Redis, three BFFs, nginx; ~5 min):
// under CI, or alone with --only=cluster (the same as `npm run test:cluster`).
if (only === 'cluster' || (!only && isCI)) {
  const out = path.join(artifacts, 'cluster.json');
  fs.rmSync(out, { force: true });
  const status = run(process.execPath, [path.join(root, 'test', 'cluster', 'run.mjs')]);
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    totals.passed += r.passed;
    totals.failed += r.failed;
    notes.push(`cluster: ${r.passed} passed, ${r.failed} failed`);
  } else {
    totals.failed += 1;
    notes.push(`cluster: produced no results (exit ${status})`);
  }
}

for (const n of notes) console.log(`  ${n}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
