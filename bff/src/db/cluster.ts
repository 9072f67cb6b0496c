import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import type { DataSource } from 'typeorm';
import { isDeadlock } from '../lib/db-errors';

/**
 * Running on a MySQL-compatible cluster (MariaDB Galera): a list of hosts in DATABASE_URL, migrations
 * run once while several processes start, and reads that must see a write made on another node.
 */

/**
 * `mysql://u:p@h1:3311,h2:3312,h3:3313/db`: the first host is this process's node; when a
 * connection to it cannot be made, new connections go to the next one (and stay there until it
 * fails in turn). Returns the URL with the first host only and, for several hosts, a mysql2
 * `stream` factory that does the failover.
 */
export function splitHosts(url: string): { url: string; stream?: () => net.Socket; hosts: Array<{ host: string; port: number }> } {
  const m = /^([a-z]+:\/\/(?:[^@/]*@)?)([^/?#]+)(.*)$/i.exec(url);
  if (!m || !m[2].includes(',')) return { url, hosts: [] };
  const hosts = m[2].split(',').map((h) => {
    const [host, port] = h.trim().split(':');
    return { host, port: Number(port || 3306) };
  });
  let current = 0;
  const stream = () => {
    const index = current;
    const target = hosts[index];
    const socket = net.connect(target.port, target.host);
    socket.setKeepAlive(true, 10_000);
    let connected = false;
    socket.once('connect', () => (connected = true));
    // A refused or reset connection before the handshake: the next connection tries the next node.
    const failed = () => {
      if (!connected && current === index) current = (index + 1) % hosts.length;
    };
    socket.once('error', failed);
    socket.once('close', (hadError) => {
      // A node killed under a live connection: move on as well.
      if (hadError && current === index) current = (index + 1) % hosts.length;
    });
    return socket;
  };
  return { url: `${m[1]}${hosts[0].host}:${hosts[0].port}${m[3]}`, stream, hosts };
}

const galera = new WeakMap<DataSource, boolean>();

/** Asks the server once whether it is a Galera node (wsrep_on); remembered per data source. */
export async function detectGalera(ds: DataSource): Promise<boolean> {
  if (ds.options.type !== 'mysql' && ds.options.type !== 'mariadb') return false;
  let on = false;
  try {
    const rows = (await ds.query("SHOW VARIABLES LIKE 'wsrep_on'")) as Array<{ Value: string }>;
    on = rows[0]?.Value === 'ON';
  } catch {
    on = false;
  }
  galera.set(ds, on);
  return on;
}

export function isGalera(ds: DataSource): boolean {
  return galera.get(ds) === true;
}

/**
 * A SELECT that must see every write committed anywhere in the cluster before it (a session made
 * through another process on another node, say). On Galera it waits for this node to apply
 * everything already certified (`wsrep_sync_wait = 1` for this statement only); elsewhere it is
 * the statement itself.
 */
export function causalRead(ds: DataSource, sql: string): string {
  return isGalera(ds) ? `SET STATEMENT wsrep_sync_wait = 1 FOR ${sql}` : sql;
}

const LEASE_SECONDS = 300;

/**
 * Whether migrations are pending. TypeORM makes its `migrations` table when it is missing (a check,
 * then CREATE TABLE): processes starting together on a fresh database race there, and the losers'
 * CREATE fails with "already exists"; the table is there then, so ask again.
 */
async function pendingMigrations(ds: DataSource): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ds.showMigrations();
    } catch (err) {
      const code = (err as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code;
      if (code !== 'ER_TABLE_EXISTS_ERROR' || attempt >= 5) throw err;
    }
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the pending migrations in exactly one process when several start together. Galera does not
 * replicate GET_LOCK or table locks, so the lock is a row: `migration_lease` (one row, primary key
 * 1) is taken by a conditional upsert that only replaces a holder whose lease ran out. Two nodes
 * taking it at once conflict at certification (a deadlock error): the loser runs the upsert again
 * and sees the winner. The others wait until nothing is pending.
 */
export async function runMigrationsOnce(ds: DataSource, log: (msg: string) => void = () => undefined): Promise<void> {
  await ds.query(
    'CREATE TABLE IF NOT EXISTS migration_lease (id TINYINT UNSIGNED NOT NULL PRIMARY KEY, holder VARCHAR(80) NOT NULL, expiresAt DATETIME(3) NOT NULL) ENGINE=InnoDB',
  );
  const me = `${os.hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`.slice(0, 80);
  const sync = (await detectGalera(ds)) ? 'SET STATEMENT wsrep_sync_wait = 1 FOR ' : '';
  let waited = false;
  for (;;) {
    if (!(await pendingMigrations(ds))) {
      if (waited) log('schema is up to date (migrated by another process)');
      return;
    }
    let holder: string | undefined;
    try {
      await ds.query(
        'INSERT INTO migration_lease (id, holder, expiresAt) VALUES (1, ?, NOW(3) + INTERVAL ? SECOND) ' +
          'ON DUPLICATE KEY UPDATE holder = IF(expiresAt < NOW(3), VALUES(holder), holder), expiresAt = IF(holder = VALUES(holder), VALUES(expiresAt), expiresAt)',
        [me, LEASE_SECONDS],
      );
      const rows = (await ds.query(`${sync}SELECT holder FROM migration_lease WHERE id = 1`)) as Array<{ holder: string }>;
      holder = rows[0]?.holder;
    } catch (err) {
      if (!isDeadlock(err)) throw err;
    }
    if (holder === me) {
      log('running migrations (holding the migration lease)');
      const renew = setInterval(
        () =>
          void ds
            .query('UPDATE migration_lease SET expiresAt = NOW(3) + INTERVAL ? SECOND WHERE id = 1 AND holder = ?', [LEASE_SECONDS, me])
            .catch(() => undefined),
        30_000,
      );
      try {
        await ds.runMigrations({ transaction: 'each' });
      } finally {
        clearInterval(renew);
        await ds.query('UPDATE migration_lease SET expiresAt = NOW(3) - INTERVAL 1 SECOND WHERE id = 1 AND holder = ?', [me]).catch(() => undefined);
      }
      return;
    }
    if (!waited) log('another process is migrating; waiting for it');
    waited = true;
    await sleep(300 + Math.random() * 300);
  }
}
