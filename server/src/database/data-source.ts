import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/config';

export const MIGRATIONS_TABLE = 'migrations';

/**
 * Found by convention, so a feature adds files and edits no list: every `*.entity` file of a feature
 * folder or its sub-folders, and every timestamped migration of the dialect (TypeORM orders them by their timestamp).
 * `.ts` under jest and the generator, `.js` in the built server.
 */
export const ENTITY_GLOB = join(__dirname, '../modules/*/**/*.entity.{ts,js}');

export function migrationsGlob(config: DatabaseConfig): string {
  return join(__dirname, 'migrations', config.type, '[0-9]*-*.{ts,js}');
}

/** Schema changes only ever come from reviewed migrations: `synchronize` stays off everywhere. */
export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: [ENTITY_GLOB] as string[],
    migrations: [migrationsGlob(config)] as string[],
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    migrationsRun: false,
  } as const;
  if (config.type === 'sqlite') {
    return { ...common, type: 'better-sqlite3', database: config.path, enableWAL: true };
  }
  return {
    ...common,
    // TypeORM's generator compares MariaDB's json and defaults correctly only as 'mariadb'.
    type: config.url.startsWith('mariadb:') ? 'mariadb' : 'mysql',
    url: config.url,
    charset: 'utf8mb4_unicode_ci',
    // Concurrent writes are kept apart by row locks (database/locks.ts), and each read after a lock
    // must see what the previous holder committed; REPEATABLE READ would show the snapshot of the
    // transaction's first read instead, and its gap locks deadlock inserts of unrelated rows.
    isolationLevel: 'READ COMMITTED',
    timezone: 'Z',
    connectTimeout: 5000,
    extra: { connectionLimit: 20 },
  };
}
