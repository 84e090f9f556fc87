import type { DeepPartial, ObjectLiteral, Repository } from 'typeorm';

/**
 * Insert the rows only into an empty table: seeding is idempotent and never overwrites what staff
 * changed since. Call it from a `@Transactional()` method so a failed seed leaves nothing behind.
 */
export async function seedIfEmpty<T extends ObjectLiteral>(
  repository: Repository<T>,
  rows: () => DeepPartial<T>[],
): Promise<void> {
  if ((await repository.count()) > 0) return;
  await repository.insert(rows() as Parameters<typeof repository.insert>[0]);
}
