import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { QueryFailedError } from 'typeorm';
import { CONFLICT_ATTEMPTS, RetryOnConflict } from '../../src/database/conflicts';
import { lockRows } from '../../src/database/locks';
import { UserEntity } from '../../src/modules/users/user.entity';
import { TEST_DB } from '../support/harness';
import { type MediumEnv, startMedium } from '../support/medium';

const mariadbError = (errno: number, code: string) =>
  new QueryFailedError('…', [], Object.assign(new Error(code), { errno, code }));

/** A unit that fails with the given errors first, then succeeds. */
class Flaky {
  calls = 0;
  constructor(private readonly failures: Error[]) {}

  @RetryOnConflict()
  async run(): Promise<string> {
    const failure = this.failures[this.calls++];
    if (failure) throw failure;
    return Promise.resolve('done');
  }
}

describe(`conflicts and row locks on ${TEST_DB}`, () => {
  let env: MediumEnv;
  let host: TransactionHost<TransactionalAdapterTypeOrm>;
  beforeAll(async () => {
    env = await startMedium();
    host = TransactionHost.getInstance<TransactionalAdapterTypeOrm>();
  });
  afterAll(() => env.close());

  it('reruns a unit after a deadlock, a lock wait timeout or a duplicate key', async () => {
    const flaky = new Flaky([
      mariadbError(1213, 'ER_LOCK_DEADLOCK'),
      mariadbError(1205, 'ER_LOCK_WAIT_TIMEOUT'),
      mariadbError(1062, 'ER_DUP_ENTRY'),
    ]);
    expect(await flaky.run()).toBe('done');
    expect(flaky.calls).toBe(4);
  });

  it(`answers 409 CONFLICT after ${CONFLICT_ATTEMPTS} attempts, and passes other errors on at once`, async () => {
    const stuck = new Flaky(Array.from({ length: 10 }, () => mariadbError(1213, 'ER_LOCK_DEADLOCK')));
    await expect(stuck.run()).rejects.toMatchObject({ code: 'CONFLICT', status: 409 });
    expect(stuck.calls).toBe(CONFLICT_ATTEMPTS);
    const broken = new Flaky([mariadbError(1146, 'ER_NO_SUCH_TABLE')]);
    await expect(broken.run()).rejects.toBeInstanceOf(QueryFailedError);
    expect(broken.calls).toBe(1);
  });

  it('leaves the rerun to the outermost unit: inside a transaction it passes the conflict on', async () => {
    const nested = new Flaky([mariadbError(1213, 'ER_LOCK_DEADLOCK')]);
    await expect(host.withTransaction(() => nested.run())).rejects.toBeInstanceOf(QueryFailedError);
    expect(nested.calls).toBe(1);
  });

  it('refuses to lock outside a transaction, where the lock would end with its statement', async () => {
    await expect(lockRows(host.tx.getRepository(UserEntity), [1])).rejects.toThrow(/transaction/);
  });

  // SQLite has no row locks: its transactions share one connection, and a unit that awaits
  // something other than the database (the sleep below) lets another request's statements in.
  const lockTest = TEST_DB === 'mariadb' ? it : it.skip;
  const title = 'makes a second transaction wait for the rows the first one locked';
  lockTest(TEST_DB === 'mariadb' ? title : `${title} — SKIPPED: SQLite has no row locks`, async () => {
    const a = (await env.actor('o_lock_a')).user.id;
    const b = (await env.actor('o_lock_b')).user.id;
    const events: string[] = [];
    const first = host.withTransaction(async () => {
      await lockRows(host.tx.getRepository(UserEntity), [b, a]);
      events.push('first locked');
      await sleep(300);
      events.push('first done');
    });
    await sleep(50);
    const second = host.withTransaction(async () => {
      await lockRows(host.tx.getRepository(UserEntity), [a]);
      events.push('second locked');
    });
    await Promise.all([first, second]);
    expect(events).toEqual(['first locked', 'first done', 'second locked']);
  });
});
