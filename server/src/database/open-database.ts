import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
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

/** Open, check and migrate the database, or explain in one sentence why not. */
export async function openDatabase(config: DatabaseConfig): Promise<OpenedDatabase> {
  const state = config.type === 'sqlite' ? checkSqliteFile(config.path) : 'existing';
  const dataSource = new DataSource(dataSourceOptions(config));
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new DatabaseStartupError(`Cannot open the ${describe(config)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    await assertNoUnknownMigrations(dataSource);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return { dataSource, created: state === 'created', migrationsRun: ran.map((m) => m.name) };
  } catch (error) {
    await dataSource.destroy();
    if (error instanceof DatabaseStartupError) throw error;
    throw new DatabaseStartupError(`Cannot migrate the ${describe(config)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
