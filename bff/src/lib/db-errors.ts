/** Driver error codes that mean "the database is unreachable right now", not "the query is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  // 1047: a Galera node that is not (yet, or no longer) part of the primary component.
  'ER_UNKNOWN_COM_ERROR',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
]);

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown }; errno?: unknown };
  const c = e?.driverError?.code ?? e?.code;
  return typeof c === 'string' ? c : undefined;
}

export function isStoreUnavailable(err: unknown): boolean {
  const code = codeOf(err);
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  const msg = err instanceof Error ? err.message : '';
  return /Queue limit reached|Connection lost|connect ECONNREFUSED|Pool is closed|Can't add new command when connection is in closed state|DataSource is not initialized|Driver not Connected/i.test(
    msg,
  );
}

/** Unique-key violations on MySQL and SQLite. */
export function isUniqueViolation(err: unknown): boolean {
  const code = codeOf(err);
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** MySQL gave up on a lock: the transaction was rolled back and may simply be run again. */
export function isDeadlock(err: unknown): boolean {
  const code = codeOf(err);
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}

/**
 * Two statements raced for the same row and this one lost: a unique violation, a deadlock, or
 * MariaDB's "Failed to read auto-increment value" that an INSERT … SELECT can give instead of a
 * duplicate key. Nothing was written by the statement; running it again is safe.
 */
export function isWriteConflict(err: unknown): boolean {
  return isUniqueViolation(err) || isDeadlock(err) || codeOf(err) === 'ER_AUTOINC_READ_FAILED';
}

/** The id of a row inserted without entity reload: MySQL's insertId or SQLite's lastInsertRowid. */
export function insertedId(raw: unknown): number {
  if (typeof raw === 'number' || typeof raw === 'bigint') return Number(raw);
  const r = raw as { insertId?: number; lastInsertRowid?: number | bigint };
  const id = r?.insertId ?? r?.lastInsertRowid;
  if (id === undefined) throw new Error('insert returned no id');
  return Number(id);
}

/**
 * Runs `work` (a whole transaction, or one statement) again when it lost a deadlock. On a Galera
 * cluster a write that conflicts with one certified first on another node fails at COMMIT with
 * ER_LOCK_DEADLOCK (1213) and nothing of it is stored, so running it again is safe, as long as
 * `work` has no effect outside the database (no Redis counter, no WeChat call) before its commit.
 * Backs off with jitter so that two nodes' losers do not collide again in step.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isDeadlock(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
    }
  }
}
