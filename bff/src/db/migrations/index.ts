import { Init1795920855657 } from './1795920855657-init';

/**
 * MySQL migrations in the order they run. After changing entities, generate the next one
 * against a database at the current state:
 * `DATABASE_URL=mysql://… npm run migration:generate -w @xlx/bff -- src/db/migrations/<name>`,
 * add `DEFAULT CHARSET=utf8mb4` to new tables, and list it here.
 */
export const MYSQL_MIGRATIONS = [Init1795920855657];
