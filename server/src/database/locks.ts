import { TransactionHost } from '@nestjs-cls/transactional';
import type { ObjectLiteral, Repository } from 'typeorm';

/**
 * Locks rows by their primary key `id` until the surrounding transaction ends (SELECT … FOR UPDATE),
 * so that writes deciding on those rows run one after the other. All in one statement and in
 * ascending id order: two units that lock overlapping sets take the rows in the same order and wait
 * for each other rather than deadlock. Reads after it see what the previous holder committed,
 * because MariaDB transactions run READ COMMITTED (database/data-source.ts).
 *
 * SQLite has no row locks (TypeORM refuses them) and needs none here: its one connection runs the
 * outermost units one after the other (`RetryOnConflict` queues them), so no other unit writes
 * between this one's reads and writes.
 */
export async function lockRows<T extends ObjectLiteral & { id: number }>(
  repository: Repository<T>,
  ids: number[],
): Promise<void> {
  // A lock taken outside a transaction ends with its own statement: it would protect nothing.
  if (!TransactionHost.getInstance().isTransactionActive()) {
    throw new Error('lockRows needs a transaction: call it from a @Transactional() method');
  }
  const type = repository.manager.dataSource.options.type;
  if (type === 'better-sqlite3') return;
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length === 0) return;
  await repository
    .createQueryBuilder('row')
    .select('row.id')
    .where('row.id IN (:...ids)', { ids: sorted })
    .orderBy('row.id', 'ASC')
    .setLock('pessimistic_write')
    .getRawMany();
}
