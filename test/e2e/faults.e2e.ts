import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { startBff, type Bff } from './helpers';

/** A MariaDB of the test's own: its own data folder and port, never the shared server. */
class PrivateMariaDb {
  private proc: ChildProcess | null = null;
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlx-mariadb-'));
  constructor(readonly port: number) {}

  static async create(): Promise<PrivateMariaDb> {
    const port = await freePort();
    const db = new PrivateMariaDb(port);
    await run('mariadb-install-db', ['--no-defaults', `--datadir=${db.dir}/data`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db']);
    return db;
  }

  async start(): Promise<void> {
    this.proc = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        `--datadir=${this.dir}/data`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${this.dir}/sock`,
        '--user=root',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=64M',
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      try {
        const c = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
        await c.end();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    throw new Error('private MariaDB did not start');
  }

  /** The database disappears at once, as when its machine dies. */
  async kill(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    p.kill('SIGKILL');
    await new Promise((r) => p.once('exit', r));
  }

  async destroy(): Promise<void> {
    await this.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: 'ignore' });
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function call(base: string, method: string, p: string, token?: string, body?: unknown) {
  const started = Date.now();
  try {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15000),
    });
    const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    return { status: res.status, body: json, ms: Date.now() - started };
  } catch {
    return { status: 0, body: null, ms: Date.now() - started };
  }
}

describe('a lost database', () => {
  let db: PrivateMariaDb;
  let bff: Bff;
  afterAll(async () => {
    await bff?.stop();
    await db?.destroy();
  });

  it('answers 503 quickly while it is down, recovers without a restart, and loses or doubles nothing', async () => {
    db = await PrivateMariaDb.create();
    await db.start();
    const admin = await mysql.createConnection({ host: '127.0.0.1', port: db.port, user: 'root' });
    await admin.query('CREATE DATABASE xlx CHARACTER SET utf8mb4');
    await admin.end();
    bff = await startBff({ DATABASE_URL: `mariadb://root@127.0.0.1:${db.port}/xlx`, DEMO_DATA: 'true', RATE_LIMIT_SCALE: '1000', DB_POOL_SIZE: '5' });

    const adminToken = ((await call(bff.url, 'POST', '/api/v1/auth/dev', undefined, { name: '管理员' })).body as { token: string }).token;
    const stations = ((await call(bff.url, 'GET', '/api/v1/organiser/stations', adminToken)).body as { items: Array<{ id: number }> }).items.slice(0, 10);
    const codes: string[] = [];
    for (const s of stations)
      codes.push(((await call(bff.url, 'GET', `/api/v1/organiser/stations/${s.id}/code`, adminToken)).body as { payload: string }).payload);
    const events = ((await call(bff.url, 'GET', '/api/v1/events?limit=3')).body as { items: Array<{ id: number }> }).items;
    const tokens: string[] = [];
    for (let i = 0; i < 40; i++)
      tokens.push(((await call(bff.url, 'POST', '/api/v1/auth/dev', undefined, { name: `断线${i}` })).body as { token: string }).token);

    // Load: every worker checks in at successive stations and registers for events; a failed
    // write is retried with the same request id, as the app's offline queue does.
    const acknowledged = { checkins: new Set<number>(), registrations: new Set<number>() };
    const downAnswers: Array<{ status: number; ms: number }> = [];
    let phase: 'up' | 'down' | 'recovering' = 'up';
    let stop = false;
    // Check-ins answered 200. Not the distinct visits: 40 people × 10 stations is 400 visits, and on
    // a fast machine every one may exist before the store comes back (a repeat scan answers with
    // the visit it already made).
    let answered = 0;
    const worker = async (w: number) => {
      let step = 0;
      while (!stop) {
        const requestId = randomUUID();
        const code = codes[step % codes.length];
        for (let attempt = 0; attempt < 200 && !stop; attempt++) {
          const startedDown = phase === 'down';
          const r = await call(bff.url, 'POST', '/api/v1/checkins', tokens[w], { code, clientRequestId: requestId });
          if (startedDown && phase === 'down') downAnswers.push({ status: r.status, ms: r.ms });
          if (r.status === 200) {
            answered++;
            acknowledged.checkins.add((r.body as { id: number }).id);
            break;
          }
          await new Promise((res) => setTimeout(res, 100));
        }
        const ev = events[step % events.length];
        const reg = await call(bff.url, 'POST', `/api/v1/events/${ev.id}/registrations`, tokens[w]);
        if (reg.status === 200) acknowledged.registrations.add((reg.body as { id: number }).id);
        step++;
      }
    };
    const load = Promise.all(tokens.map((_, i) => worker(i)));
    await new Promise((r) => setTimeout(r, 1500));

    await db.kill();
    phase = 'down';
    await new Promise((r) => setTimeout(r, 1500));
    const readyDown = await call(bff.url, 'GET', '/readyz');
    expect(readyDown.status).toBe(503);
    expect((await call(bff.url, 'GET', '/healthz')).status).toBe(200);

    phase = 'recovering';
    await db.start();
    let ready = 0;
    for (let i = 0; i < 100 && ready !== 200; i++) {
      ready = (await call(bff.url, 'GET', '/readyz')).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(200);
    const before = answered;
    await new Promise((r) => setTimeout(r, 1500));
    expect(answered).toBeGreaterThan(before); // serving again, same process
    stop = true;
    await load;

    // While down: clear 503s, quickly.
    expect(downAnswers.length).toBeGreaterThan(0);
    expect(downAnswers.filter((a) => a.status !== 503)).toEqual([]);
    const sorted = downAnswers.map((a) => a.ms).sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length * 0.95)]).toBeLessThan(2000);

    // Every acknowledged write is there, and none twice.
    const conn = await mysql.createConnection({ host: '127.0.0.1', port: db.port, user: 'root', database: 'xlx' });
    const [checkins] = (await conn.query('SELECT id, userId, clientRequestId FROM checkin')) as unknown as [
      Array<{ id: number; userId: number; clientRequestId: string }>,
    ];
    const stored = new Set(checkins.map((c) => c.id));
    for (const id of acknowledged.checkins) expect(stored.has(id)).toBe(true);
    expect(new Set(checkins.map((c) => `${c.userId}:${c.clientRequestId}`)).size).toBe(checkins.length);
    const [regs] = (await conn.query('SELECT id, eventId, userId FROM registration')) as unknown as [Array<{ id: number; eventId: number; userId: number }>];
    const storedRegs = new Set(regs.map((r) => r.id));
    for (const id of acknowledged.registrations) expect(storedRegs.has(id)).toBe(true);
    expect(new Set(regs.map((r) => `${r.eventId}:${r.userId}`)).size).toBe(regs.length);
    const [[counts]] = (await conn.query(
      "SELECT (SELECT COUNT(*) FROM registration r WHERE r.status = 'confirmed' AND r.eventId = e.id) AS confirmed, e.confirmedCount AS counted FROM event e WHERE e.id = ?",
      [events[0].id],
    )) as unknown as [[{ confirmed: number; counted: number }]];
    expect(Number(counts.counted)).toBe(Number(counts.confirmed));
    await conn.end();
  }, 120000);
});
