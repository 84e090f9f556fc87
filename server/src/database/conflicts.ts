import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ErrorCode } from '@itss/shared';
import { collectAfterCommit } from '../common/after-commit';
import { AppError } from '../common/app-error';

/**
 * What concurrent requests make a database refuse, and a rerun of the whole unit resolves: MariaDB's
 * deadlock victim (ER_LOCK_DEADLOCK; InnoDB has rolled its transaction back), a lock wait that timed
 * out (ER_LOCK_WAIT_TIMEOUT), and a duplicate key inserted by a transaction that committed first
 * (ER_DUP_ENTRY: a rerun reads the row it now finds). SQLite's counterparts: another process
 * writing the file (SQLITE_BUSY) and a unique constraint.
 */
const MARIADB_CONFLICTS = new Map<number, string>([
  [1213, 'deadlock'],
  [1205, 'lock wait timeout'],
  [1062, 'duplicate key'],
]);
const SQLITE_CONFLICTS = new Map<string, string>([
  ['SQLITE_BUSY', 'database busy'],
  ['SQLITE_CONSTRAINT_UNIQUE', 'duplicate key'],
  ['SQLITE_CONSTRAINT_PRIMARYKEY', 'duplicate key'],
]);

/** Reruns of one unit before the client is told to try again; each conflict needs a concurrent writer. */
export const CONFLICT_ATTEMPTS = 4;

/**
 * The kind of conflict an error is, or null for any other error. TypeORM's QueryFailedError carries
 * the driver's `errno` (mysql2) or `code` (better-sqlite3), as does the driver's own error.
 */
export function conflictOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { errno, code } = error as { errno?: unknown; code?: unknown };
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return SQLITE_CONFLICTS.get(code) ?? null;
  return typeof errno === 'number' ? (MARIADB_CONFLICTS.get(errno) ?? null) : null;
}

const logger = new Logger('Conflict');

/**
 * SQLite through TypeORM has one connection and one query runner: a second transaction begun while
 * one is open does not wait but nests inside it as a savepoint, so it sees the first's uncommitted
 * rows and is undone by the first's rollback (two submissions with one Idempotency-Key at once
 * showed it). Outermost units therefore run one after the other there, in arrival order; the work
 * they leave for after their commit (`afterCommit`) runs once they have left the queue.
 */
let sqliteUnits: Promise<unknown> = Promise.resolve();

function onSqlite(): boolean {
  const manager = TransactionHost.getInstance().tx as { connection?: { options?: { type?: string } } };
  return manager.connection?.options?.type === 'better-sqlite3';
}

function oneAtATime<R>(unit: () => Promise<R>): Promise<R> {
  const result = sqliteUnits.then(unit, unit);
  sqliteUnits = result.catch(() => undefined);
  return result;
}

/**
 * Reruns a `@Transactional()` unit whose transaction a concurrent one made fail (see `conflictOf`),
 * up to CONFLICT_ATTEMPTS times with a short random pause, then answers 409 CONFLICT: a client's
 * concurrent requests never get a 500. Goes above `@Transactional()`, so each attempt is a
 * transaction of its own:
 *
 *     @RetryOnConflict()
 *     @Transactional()
 *     async grant(…) { … }
 *
 * Called inside a transaction that is already open it only passes the call on: the failed
 * transaction is the outer one, which must rerun as a whole (InnoDB rolls back all of it on a
 * deadlock), so the retry belongs to the outermost unit. The unit must not call anything outside
 * the database that cannot be repeated (WeChat, the response cache): keep those around it.
 */
export function RetryOnConflict() {
  return function <A extends unknown[], R>(
    _target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<(...args: A) => Promise<R>>,
  ): void {
    const unit = descriptor.value;
    if (!unit) throw new TypeError(`@RetryOnConflict() needs a method, not ${String(key)}`);
    const retrying = async function (this: unknown, ...args: A): Promise<R> {
      if (TransactionHost.getInstance().isTransactionActive()) return unit.apply(this, args);
      if (onSqlite()) return collectAfterCommit(() => oneAtATime(() => attempts.apply(this, args)));
      return attempts.apply(this, args);
    };
    const attempts = async function (this: unknown, ...args: A): Promise<R> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await unit.apply(this, args);
        } catch (error) {
          const conflict = conflictOf(error);
          if (!conflict) throw error;
          if (attempt >= CONFLICT_ATTEMPTS) {
            logger.warn(`${String(key)} gave up after ${attempt} attempts: ${conflict}`);
            throw new AppError(ErrorCode.Conflict);
          }
          // Apart by a few milliseconds, so the transactions that collided do not collide again.
          await sleep(Math.random() * 20 * attempt);
        }
      }
    };
    // Nest and nestjs-cls keep what they know about a method in metadata on the function itself.
    for (const metadataKey of Reflect.getMetadataKeys(unit)) {
      Reflect.defineMetadata(metadataKey, Reflect.getMetadata(metadataKey, unit), retrying);
    }
    descriptor.value = retrying;
  };
}
