import type { DeepPartial, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Insert the rows only into an empty table: seeding is idempotent and never overwrites what staff
 * changed since. Runs inside the caller's transaction so a failed seed leaves nothing behind.
 */
export async function seedIfEmpty<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: () => DeepPartial<T>[],
): Promise<void> {
  const repository = manager.getRepository(entity);
  if ((await repository.count()) > 0) return;
  await repository.insert(rows() as Parameters<typeof repository.insert>[0]);
}
