import type { DataSourceOptions, MigrationInterface } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { ENTITIES } from './entities';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

export const MIGRATIONS_TABLE = 'migrations';

type MigrationClass = new () => MigrationInterface;

export function migrationsFor(config: DatabaseConfig): MigrationClass[] {
  return config.type === 'sqlite' ? SQLITE_MIGRATIONS : MYSQL_MIGRATIONS;
}

/** Schema changes only ever come from reviewed migrations: `synchronize` stays off everywhere. */
export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: migrationsFor(config),
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
    timezone: 'Z',
    connectTimeout: 5000,
    extra: { connectionLimit: 20 },
  };
}
