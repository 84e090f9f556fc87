import { Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsServiceManager } from 'nestjs-cls';
import type { DataSource } from 'typeorm';

type Work = () => unknown;

/** Where the outermost transaction keeps the work to run once it has committed. */
const PENDING = Symbol('afterCommit');
/** Where `collectAfterCommit` takes committed work to run once its unit has settled. */
const COLLECTED = Symbol('afterCommit.collected');
const logger = new Logger('AfterCommit');

async function runLogged(work: Work): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error('Work after commit failed', error instanceof Error ? error.stack : String(error));
  }
}

/**
 * Runs `work` once what the caller wrote is committed: a WeChat message, a cache invalidation — what
 * must neither hold a row lock nor happen for a change that was rolled back. Inside a
 * `@Transactional()` call (however deeply nested, in any module) the work waits for the outermost
 * transaction: it runs after its commit, in the order registered, before the outermost call returns
 * (on SQLite once the unit has left `RetryOnConflict`'s queue), and never after a rollback (a rerun
 * registers its own). Outside a transaction every statement has already committed, so the work runs
 * at once rather than at the end of the request: nothing is left to wait for, and a caller that
 * awaits it sees the same order either way. A failure is logged and never reaches the caller: the
 * change it follows has succeeded.
 */
export async function afterCommit(work: Work): Promise<void> {
  const cls = ClsServiceManager.getClsService();
  const pending = cls.isActive() ? cls.get<Work[] | undefined>(PENDING) : undefined;
  if (pending && TransactionHost.getInstance().isTransactionActive()) {
    pending.push(work);
    return;
  }
  await runLogged(work);
}

/**
 * The TypeORM adapter with a queue per outermost transaction: `afterCommit` work is kept in the
 * transaction's CLS context (which nested `@Transactional()` calls inherit) and run once the
 * transaction has committed and left the context, so the work's own reads and writes run on the
 * connection, outside the finished transaction. The project uses no savepoints
 * (`Propagation.Nested`); work registered in one would run after the outer commit even if the
 * savepoint were rolled back alone.
 */
export class TransactionalAdapterWithAfterCommit extends TransactionalAdapterTypeOrm {
  constructor(options: ConstructorParameters<typeof TransactionalAdapterTypeOrm>[0]) {
    super(options);
    // The adapter's options are made per DataSource by this factory; wrap what it makes.
    const factory = this.optionsFactory;
    this.optionsFactory = (dataSource: DataSource) => {
      const options = factory(dataSource);
      const wrap = options.wrapWithTransaction;
      return {
        ...options,
        wrapWithTransaction: async (txOptions, fn, setClient) => {
          const cls = ClsServiceManager.getClsService();
          const pending: Work[] = [];
          cls.set(PENDING, pending);
          let result: unknown;
          try {
            result = (await wrap(txOptions, fn, setClient)) as unknown;
          } finally {
            cls.set(PENDING, undefined);
          }
          setClient(undefined);
          const collected = cls.get<Work[] | undefined>(COLLECTED);
          if (collected) collected.push(...pending);
          else for (const work of pending) await runLogged(work);
          return result;
        },
      };
    };
  }
}

/**
 * Runs `unit`, holding the work its transactions leave for after their commit until `unit` has
 * settled, then runs that work (also when `unit` failed after one of its transactions committed).
 * For SQLite's queue of outermost units (`RetryOnConflict`): the work must not run while the unit
 * holds the queue, or a slow WeChat would stall every writer, and work that starts a unit of its
 * own would wait for itself.
 */
export async function collectAfterCommit<R>(unit: () => Promise<R>): Promise<R> {
  const cls = ClsServiceManager.getClsService();
  const collected: Work[] = [];
  try {
    return await cls.run({ ifNested: 'inherit' }, () => {
      cls.set(COLLECTED, collected);
      return unit();
    });
  } finally {
    for (const work of collected) await runLogged(work);
  }
}
