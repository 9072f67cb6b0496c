import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * TypeORM's SQLite drivers share ONE connection (one query runner) across the whole process.
 * Two concurrent `dataSource.transaction()` calls would then interleave on it: the second
 * becomes a savepoint inside the first, and a query from an unrelated request issued while a
 * transaction is open silently joins it (and is lost if that transaction rolls back).
 *
 * The gate is one FIFO lock over that connection: a transaction holds it from BEGIN to COMMIT,
 * a query outside any transaction holds it for that one statement. Code running inside the
 * transaction (tracked with AsyncLocalStorage) passes straight through, nested transactions
 * included. SQLite executes one statement at a time anyway, so this costs a promise hop.
 * A top-level transaction started any other way (e.g. `repository.save()` outside a
 * transaction) is refused, so such code fails loudly in tests instead of under load.
 */
export function installSqliteGate(ds: DataSource): void {
  const runner = ds.createQueryRunner() as QueryRunner & { __gated?: boolean };
  if (runner.__gated) return;
  runner.__gated = true;

  const als = new AsyncLocalStorage<symbol>();
  let holder: symbol | null = null;
  let tail: Promise<void> = Promise.resolve();
  const lock = async (): Promise<() => void> => {
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const previous = tail;
    tail = previous.then(() => mine);
    await previous;
    return release;
  };
  const inHolder = () => holder !== null && als.getStore() === holder;

  type AnyAsync = (...a: unknown[]) => Promise<unknown>;
  const origQuery = runner.query.bind(runner) as AnyAsync;
  (runner as unknown as { query: AnyAsync }).query = async (...args) => {
    if (inHolder()) return origQuery(...args);
    const release = await lock();
    try {
      return await origQuery(...args);
    } finally {
      release();
    }
  };

  const origStart = runner.startTransaction.bind(runner);
  runner.startTransaction = async (isolation) => {
    if (!inHolder()) {
      throw new Error('SQLite: start transactions with dataSource.transaction(); outside one, write with insert/update, not save()');
    }
    return origStart(isolation);
  };

  const manager = ds.manager as unknown as { transaction: AnyAsync };
  const origTransaction = manager.transaction.bind(manager);
  manager.transaction = async (...args) => {
    if (inHolder()) return origTransaction(...args);
    const release = await lock();
    const token = Symbol('transaction');
    holder = token;
    try {
      return await als.run(token, () => origTransaction(...args));
    } finally {
      holder = null;
      release();
    }
  };
}
