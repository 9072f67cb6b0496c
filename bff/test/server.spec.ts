import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { assertResponseLogClean } from './helpers/leak-guard';
import { sharedStoreEnv } from './helpers/server-process';
import { STORE } from './helpers/store';

// The compiled server, as `npm start` runs it (test/run-all.mjs builds it first).
const SERVER = path.resolve(__dirname, '..', 'dist', 'server.js');

interface Running {
  proc: ChildProcess;
  url: string;
  output: () => string;
}

/** Every response of every server these tests start, checked for secrets at the end. */
const responseLogs: string[] = [];
afterAll(() => {
  let seen = 0;
  for (const file of responseLogs) {
    seen += assertResponseLogClean(file);
    fs.rmSync(file, { force: true });
  }
  if (responseLogs.length > 0 && seen === 0) throw new Error('no server recorded a response: is RESPONSE_LOG wired?');
});

function start(env: Record<string, string>): Promise<Running> {
  const responses = path.join(os.tmpdir(), `xlx-responses-${randomBytes(4).toString('hex')}.jsonl`);
  responseLogs.push(responses);
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [SERVER], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', RESPONSE_LOG: responses, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /running: (http:\/\/[^/\s]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1], output: () => out });
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

function exitOf(proc: ChildProcess): Promise<number | null> {
  return new Promise((r) => (proc.exitCode !== null ? r(proc.exitCode) : proc.once('exit', (c) => r(c))));
}

describe(`the server process (${STORE})`, () => {
  it('starts with demo data, answers health checks, and stops cleanly on SIGTERM', async () => {
    const { env, cleanup } = await sharedStoreEnv();
    try {
      const s = await start(env);
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${s.url}/readyz`);
      expect(ready.status).toBe(200);
      const orgs = (await (await fetch(`${s.url}/api/v1/organisations`)).json()) as { items: Array<{ name: string }> };
      expect(orgs.items.map((o) => o.name)).toContain('绍兴市上虞区总工会');
      if (STORE === 'mysql') expect(s.output()).toContain('THIS IS A DEVELOPMENT SERVER');
      // A demo organiser signs in through the dev route and sees their grant.
      const signIn = await fetch(`${s.url}/api/v1/auth/dev`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: '龙游县总工会' }),
      });
      const session = (await signIn.json()) as { me: { grants: Array<{ organisationName: string }> } };
      expect(session.me.grants[0].organisationName).toBe('龙游县总工会');

      s.proc.kill('SIGTERM');
      expect(await exitOf(s.proc)).toBe(0);
      expect(s.output()).toContain('stopped');
      // Log lines are JSON with the request id.
      const line = s
        .output()
        .split('\n')
        .find((l) => l.includes('"msg":"request"'));
      expect(JSON.parse(line!)).toMatchObject({ reqId: expect.any(String), method: 'GET', status: 200 });
    } finally {
      await cleanup();
    }
  }, 60000);

  it('refuses to start in production with the dev sign-in enabled', async () => {
    await expect(start({ NODE_ENV: 'production', DEV_SIGNIN: 'true', DATABASE_URL: 'mysql://root@127.0.0.1:1/x' })).rejects.toMatchObject({
      exitCode: 2,
      output: expect.stringContaining('DEV_SIGNIN must not be enabled when NODE_ENV=production'),
    });
  });

  it('refuses to start on MySQL with NODE_ENV unset unless DEV_SIGNIN=true', async () => {
    await expect(start({ DATABASE_URL: 'mysql://root@127.0.0.1:1/x' })).rejects.toMatchObject({
      exitCode: 2,
      output: expect.stringContaining('NODE_ENV is unset while DATABASE_URL is set'),
    });
  });

  it('names each bad variable and exits', async () => {
    await expect(start({ PORT: 'abc', LOG_LEVEL: 'chatty' })).rejects.toMatchObject({
      exitCode: 2,
      output: expect.stringMatching(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/),
    });
  });
});

describe('rate limits shared through Redis', () => {
  const redisUp = () =>
    new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port: 6379 });
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });

  it('holds one limit across two BFF processes', async () => {
    if (!(await redisUp())) {
      if (process.env.CI) throw new Error('Redis is not reachable on 127.0.0.1:6379');
      console.warn('Redis not reachable: skipping the two-process rate limit test');
      return;
    }
    const namespace = `t${randomBytes(4).toString('hex')}`;
    const dirs = [fs.mkdtempSync(path.join(os.tmpdir(), 'xlx-a-')), fs.mkdtempSync(path.join(os.tmpdir(), 'xlx-b-'))];
    const servers = await Promise.all(
      dirs.map((d) => start({ DATA_DIR: d, REDIS_URL: 'redis://127.0.0.1:6379', RATE_LIMIT_NAMESPACE: namespace, DEMO_DATA: 'false' })),
    );
    try {
      // Start well inside a minute so that the whole burst falls in one counting window.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
      const statuses: number[] = [];
      // 60 sign-ins a minute per address; alternate between the two processes.
      for (let i = 0; i < 64; i++) {
        const res = await fetch(`${servers[i % 2].url}/api/v1/auth/dev`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `共享${i}` }),
        });
        statuses.push(res.status);
      }
      // Each process alone would allow 60 (so 64 in all); together they stop at 60.
      expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(60)).toEqual([429, 429, 429, 429]);
    } finally {
      for (const s of servers) {
        s.proc.kill('SIGTERM');
        await exitOf(s.proc);
      }
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  }, 60000);
});
