import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { assertResponseLogClean } from './leak-guard';
import { mysqlServerUrl, STORE } from './store';

// The compiled server, as `npm start` runs it (test/run-all.mjs builds it first).
const SERVER = path.resolve(__dirname, '..', '..', 'dist', 'server.js');

export interface Running {
  proc: ChildProcess;
  url: string;
  output: () => string;
  /** SIGTERM, and wait for the exit. */
  stop: () => Promise<number | null>;
  /** SIGKILL: no shutdown work at all. */
  kill: () => Promise<number | null>;
}

export function exitOf(proc: ChildProcess): Promise<number | null> {
  return new Promise((r) => (proc.exitCode !== null || proc.signalCode !== null ? r(proc.exitCode) : proc.once('exit', (c) => r(c))));
}

/**
 * Starts the compiled BFF as its own process on a free port. Every response it gives goes to a
 * RESPONSE_LOG file that is checked for leaked secrets when it stops.
 */
export function startServer(env: Record<string, string>): Promise<Running> {
  const responses = path.join(os.tmpdir(), `xlx-responses-${randomBytes(4).toString('hex')}.jsonl`);
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [SERVER], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'warn', RESPONSE_LOG: responses, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const finish = async (signal: NodeJS.Signals) => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      const code = await exitOf(proc);
      assertResponseLogClean(responses);
      fs.rmSync(responses, { force: true });
      return code;
    };
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /running: (http:\/\/[^/\s]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1], output: () => out, stop: () => finish('SIGTERM'), kill: () => finish('SIGKILL') });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`server exited with ${code}:\n${out}`), { exitCode: code, output: out }));
    });
  });
}

/** A store several server processes share: one SQLite file, or one new MySQL database (demo data in both). */
export async function sharedStoreEnv(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlx-data-'));
  if (STORE === 'sqlite') return { env: { DATA_DIR: dataDir }, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  const mysql = await import('mysql2/promise');
  const name = `xlx_srv_${randomBytes(3).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: mysqlServerUrl() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  const url = new URL(mysqlServerUrl());
  url.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString(), DEMO_DATA: 'true', DEV_SIGNIN: 'true' },
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Whether Redis answers on 127.0.0.1:6379 (under CI its absence is a failure, not a skip). */
export function redisUp(): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: 6379 });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => {
      if (process.env.CI) throw new Error('Redis is not reachable on 127.0.0.1:6379');
      resolve(false);
    });
  });
}

/** JSON API call against a running server. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the server answered
export async function api<T = any>(base: string, method: string, p: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T };
}
