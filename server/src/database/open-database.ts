import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { MIGRATIONS_TABLE, dataSourceOptions } from './data-source';

/** A reason not to start, worded for the operator who reads the log. */
export class DatabaseStartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseStartupError';
  }
}

const SQLITE_MAGIC = 'SQLite format 3\0';

function checkSqliteFile(path: string): 'created' | 'existing' {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    return 'created';
  }
  if (!statSync(path).isFile()) throw new DatabaseStartupError(`SQLite database path is not a file: ${path}`);
  if (statSync(path).size === 0) return 'existing';
  const header = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_MAGIC) {
    throw new DatabaseStartupError(
      `SQLite database file is corrupt or not a SQLite database: ${path} (restore it from a backup, or move it away to start with an empty database)`,
    );
  }
  return 'existing';
}

/** Refuse a database that a newer release has migrated: running old code on it could lose data. */
async function assertNoUnknownMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    if (!(await runner.hasTable(MIGRATIONS_TABLE))) return;
    const applied = (await runner.query(`SELECT name FROM ${MIGRATIONS_TABLE}`)) as { name: string }[];
    const known = new Set(dataSource.migrations.map((m) => m.name ?? m.constructor.name));
    const unknown = applied.map((row) => row.name).filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new DatabaseStartupError(
        `The database has migrations this version of the server does not know (${unknown.join(', ')}): it was upgraded by a newer release. Deploy that release or newer.`,
      );
    }
  } finally {
    await runner.release();
  }
}

function describe(config: DatabaseConfig): string {
  return config.type === 'sqlite'
    ? `SQLite file ${config.path}`
    : `MySQL/MariaDB at ${new URL(config.url).host}`;
}

export interface OpenedDatabase {
  dataSource: DataSource;
  created: boolean;
  migrationsRun: string[];
}

/** Opens a DataSource, or explains in one sentence why not. */
async function connect(config: DatabaseConfig, url?: string): Promise<DataSource> {
  const options = dataSourceOptions(config);
  const dataSource = new DataSource(url ? ({ ...options, url } as DataSourceOptions) : options);
  try {
    await dataSource.initialize();
    return dataSource;
  } catch (error) {
    throw new DatabaseStartupError(`Cannot open the ${describe(config)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function migrate(dataSource: DataSource, config: DatabaseConfig): Promise<string[]> {
  try {
    await assertNoUnknownMigrations(dataSource);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } catch (error) {
    if (error instanceof DatabaseStartupError) throw error;
    throw new DatabaseStartupError(`Cannot migrate the ${describe(config)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Open, check and migrate the database, or explain in one sentence why not. With a migration
 * account (`DATABASE_MIGRATION_URL`) the schema is changed through it and the server's own account
 * only reads and writes rows.
 */
export async function openDatabase(config: DatabaseConfig): Promise<OpenedDatabase> {
  const state = config.type === 'sqlite' ? checkSqliteFile(config.path) : 'existing';
  let migrationsRun: string[] = [];
  if (config.type === 'mysql' && config.migrationUrl) {
    const owner = await connect(config, config.migrationUrl);
    try {
      migrationsRun = await migrate(owner, config);
    } finally {
      await owner.destroy();
    }
  }
  const dataSource = await connect(config);
  try {
    if (config.type === 'mysql' && config.migrationUrl) await assertNoUnknownMigrations(dataSource);
    else migrationsRun = await migrate(dataSource, config);
    return { dataSource, created: state === 'created', migrationsRun };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
