import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openDataSource } from '../../src/db/data-source';

export type StoreKind = 'sqlite' | 'mysql';

/** Which store this jest run targets: TEST_STORE=mysql runs the same suites on MySQL. */
export const STORE: StoreKind = process.env.TEST_STORE === 'mysql' ? 'mysql' : 'sqlite';

/** Admin URL of the MySQL server the mysql runs use (a database is created per test file). */
export function mysqlServerUrl(): string {
  return process.env.TEST_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306/test';
}

/**
 * A fresh, empty store for one test file: an in-memory SQLite database, or on MySQL a new
 * database (migrated from scratch) dropped again by close().
 */
export async function openTestStore(): Promise<{ ds: DataSource; close: () => Promise<void> }> {
  if (STORE === 'sqlite') {
    const ds = await openDataSource({ kind: 'sqlite', file: ':memory:' });
    return { ds, close: () => ds.destroy() };
  }
  const mysql = await import('mysql2/promise');
  const server = new URL(mysqlServerUrl());
  const name = `${process.env.TEST_DB_PREFIX ?? 'xlx_t'}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: server.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  const ds = await openDataSource({ kind: 'mysql', url: url.toString(), poolSize: 20 });
  return {
    ds,
    close: async () => {
      await ds.destroy();
      const a = await mysql.createConnection({ uri: server.toString() });
      await a.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await a.end();
    },
  };
}
