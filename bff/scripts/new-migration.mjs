#!/usr/bin/env node
// Generates the next MySQL migration from the entities: builds the bff, migrates a scratch
// database to the current state, asks TypeORM for the difference, adds utf8mb4 to new tables,
// and drops the scratch database. Usage: npm run migration:new -w @xlx/bff -- <Name>
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';

const bff = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
  console.error('usage: new-migration.mjs <Name>  (letters and digits)');
  process.exit(2);
}
const server = process.env.MIGRATION_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306/test';
const scratch = `xlx_migration_${Date.now()}`;
const url = new URL(server);
url.pathname = `/${scratch}`;
const admin = await mysql.createConnection({ uri: server });
await admin.query(`CREATE DATABASE \`${scratch}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
try {
  const env = { ...process.env, DATABASE_URL: url.toString() };
  execFileSync('npm', ['run', 'build:server'], { cwd: path.join(bff, '..'), stdio: 'inherit' });
  const cli = [path.join(bff, '..', 'node_modules', 'typeorm', 'cli.js')];
  execFileSync('node', [...cli, 'migration:run', '-d', 'dist/db/cli-data-source.js'], { cwd: bff, stdio: 'inherit', env });
  execFileSync('node', [...cli, 'migration:generate', '-d', 'dist/db/cli-data-source.js', `src/db/migrations/${name}`], { cwd: bff, stdio: 'inherit', env });
  const dir = path.join(bff, 'src', 'db', 'migrations');
  const file = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(`-${name}.ts`))
    .sort()
    .pop();
  const full = path.join(dir, file);
  fs.writeFileSync(full, fs.readFileSync(full, 'utf8').replaceAll('ENGINE=InnoDB`', 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`'));
  console.log(`wrote ${path.relative(bff, full)}: add it to src/db/migrations/index.ts`);
} finally {
  await admin.query(`DROP DATABASE IF EXISTS \`${scratch}\``);
  await admin.end();
}
