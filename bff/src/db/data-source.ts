import fs from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Config } from '../config';
import { entitiesFor } from '../entities';
import { MYSQL_MIGRATIONS } from './migrations';
import { backfillEventScansSql } from './migrations/1796040000001-EventScans';
import { installSqliteGate } from './sqlite-gate';
import { detectGalera, runMigrationsOnce, splitHosts } from './cluster';
import { backfillSqliteRollup } from '../services/visit-rollup';

export type StoreConfig = Config['db'] | { kind: 'sqlite'; file: ':memory:' };

/**
 * MySQL runs the versioned migrations; the embedded SQLite store (development, tests)
 * is created from the entities, since nobody upgrades it in place in production.
 */
export function dataSourceOptions(db: StoreConfig): DataSourceOptions {
  if (db.kind === 'mysql') {
    // Several hosts (a cluster's nodes): the first is preferred, the others take over when it is down.
    const { url, stream } = splitHosts(db.url);
    return {
      // TypeORM reads column defaults differently on MariaDB; the URL scheme says which it is.
      type: db.url.startsWith('mariadb:') ? 'mariadb' : 'mysql',
      url: url.replace(/^mariadb:/, 'mysql:'),
      entities: entitiesFor('mysql'),
      migrations: MYSQL_MIGRATIONS,
      migrationsRun: false,
      synchronize: false,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      poolSize: db.poolSize,
      connectTimeout: 5000,
      // Fail fast instead of queueing forever when the database is gone: callers get a 503.
      extra: { waitForConnections: true, queueLimit: 10000, enableKeepAlive: true, maxIdle: db.poolSize, ...(stream ? { stream } : {}) },
    };
  }
  if (db.file !== ':memory:') fs.mkdirSync(path.dirname(db.file), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: db.file,
    entities: entitiesFor('sqlite'),
    synchronize: true,
    // WAL lets readers proceed while a write is in flight; the timeout absorbs brief lock waits.
    enableWAL: db.file !== ':memory:',
    timeout: 5000,
  };
}

/**
 * Opens the store and brings its schema up to date. On MySQL exactly one of several processes
 * starting together runs the migrations (a lease row, since a cluster does not replicate
 * GET_LOCK); the others wait for it.
 */
export async function openDataSource(db: StoreConfig, log?: (msg: string) => void): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(db));
  await ds.initialize();
  if (db.kind === 'mysql') {
    await runMigrationsOnce(ds, log);
    await detectGalera(ds);
  } else {
    installSqliteGate(ds);
    // SQLite is created from the entities: the data steps of migrations run here (idempotent).
    await ds.query(backfillEventScansSql('sqlite'));
    await backfillSqliteRollup(ds);
  }
  return ds;
}
