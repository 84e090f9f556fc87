import { Logger } from '@nestjs/common';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { afterCommit } from '../../src/common/after-commit';
import { RetryOnConflict } from '../../src/database/conflicts';
import { now } from '../../src/common/time';
import { UserEntity } from '../../src/modules/users/user.entity';
import { TEST_DB } from '../support/harness';
import { type MediumEnv, startMedium } from '../support/medium';

/** A service-like unit: a decorated method that writes, registers work, and may call another. */
class Unit {
  constructor(
    private readonly host: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly events: string[],
  ) {}

  @Transactional()
  async write(openid: string, inner?: Unit): Promise<void> {
    await this.host.tx.getRepository(UserEntity).insert({ openid, displayName: openid, createdAt: now() });
    await afterCommit(async () => {
      const committed = await this.host.tx.getRepository(UserEntity).existsBy({ openid });
      this.events.push(`after ${openid}: ${committed ? 'committed' : 'missing'}`);
      this.events.push(`in transaction: ${String(this.host.isTransactionActive())}`);
    });
    if (inner) await inner.write(`${openid}-inner`);
    this.events.push(`end ${openid}`);
  }

  /** An outermost unit (queued on SQLite) whose work after commit starts another such unit. */
  @RetryOnConflict()
  @Transactional()
  async chain(openid: string): Promise<void> {
    await this.host.tx.getRepository(UserEntity).insert({ openid, displayName: openid, createdAt: now() });
    await afterCommit(() => this.follow(`${openid}-follow`));
    this.events.push(`end ${openid}`);
  }

  @RetryOnConflict()
  @Transactional()
  async follow(openid: string): Promise<void> {
    await this.host.tx.getRepository(UserEntity).insert({ openid, displayName: openid, createdAt: now() });
    this.events.push(`followed ${openid}`);
  }
}

describe(`afterCommit on ${TEST_DB}`, () => {
  let env: MediumEnv;
  let host: TransactionHost<TransactionalAdapterTypeOrm>;
  let events: string[];
  let unit: Unit;
  beforeAll(async () => {
    env = await startMedium();
    host = TransactionHost.getInstance<TransactionalAdapterTypeOrm>();
  });
  afterAll(() => env.close());
  beforeEach(() => {
    events = [];
    unit = new Unit(host, events);
  });

  it('runs the work after the commit, outside the transaction, before the call returns', async () => {
    await unit.write('o_after_commit');
    expect(events).toEqual([
      'end o_after_commit',
      'after o_after_commit: committed',
      'in transaction: false',
    ]);
  });

  it('never runs the work of a transaction that rolled back', async () => {
    await expect(
      host.withTransaction(async () => {
        await unit.write('o_after_rollback');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(events).toEqual(['end o_after_rollback']);
    expect(await env.dataSource.getRepository(UserEntity).existsBy({ openid: 'o_after_rollback' })).toBe(
      false,
    );
  });

  it('runs the work of nested calls once, after the outermost commit, in the order registered', async () => {
    await host.withTransaction(async () => {
      await unit.write('o_outer', new Unit(host, events));
      events.push('outermost body done');
    });
    expect(events).toEqual([
      'end o_outer-inner',
      'end o_outer',
      'outermost body done',
      'after o_outer: committed',
      'in transaction: false',
      'after o_outer-inner: committed',
      'in transaction: false',
    ]);
  });

  it('logs a failing work and still answers the caller; the next work runs', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      await host.withTransaction(async () => {
        await afterCommit(() => {
          throw new Error('WeChat is down');
        });
        await afterCommit(() => {
          events.push('second ran');
        });
      });
      expect(events).toEqual(['second ran']);
      expect(logged).toHaveBeenCalledWith(
        'Work after commit failed',
        expect.stringContaining('WeChat is down'),
      );
    } finally {
      logged.mockRestore();
    }
  });

  it('lets work after commit start another unit: it runs once the first has left the queue', async () => {
    await unit.chain('o_chain');
    expect(events).toEqual(['end o_chain', 'followed o_chain-follow']);
    expect(await env.dataSource.getRepository(UserEntity).existsBy({ openid: 'o_chain-follow' })).toBe(true);
  });

  it('runs at once outside a transaction, where every statement has already committed', async () => {
    await afterCommit(() => {
      events.push('ran');
    });
    expect(events).toEqual(['ran']);
  });
});
