import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Connection, createConnection } from 'mysql2/promise';
import type { DatabaseConfig } from '../config/config';

/** Where tests, benchmarks and the migration generator look for MariaDB unless DATABASE_URL says. */
export const DEFAULT_MARIADB_URL = 'mariadb://root@127.0.0.1:3306/test';

export interface ScratchDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
  /** Lets go of the server connection and keeps the database (a template others copy). */
  keep(): Promise<void>;
}

export function scratchSqlite(prefix: string): ScratchDatabase {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return {
    config: { type: 'sqlite', path: join(dir, 'itss.sqlite') },
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    keep: () => Promise.resolve(),
  };
}

export interface ScratchMariaDbOptions {
  serverUrl?: string;
  charset?: string;
  /** Fills the new database before anyone opens it (e.g. a copy of a migrated template's schema). */
  fill?: (connection: Connection, name: string) => Promise<void>;
}

/**
 * A database of its own on the MariaDB server (utf8mb4 unless told, dropped by `drop`), so parallel or
 * repeated runs never collide. Null when no server answers within three seconds.
 */
export async function scratchMariaDb(
  prefix: string,
  {
    serverUrl = process.env.DATABASE_URL || DEFAULT_MARIADB_URL,
    charset = 'utf8mb4',
    fill,
  }: ScratchMariaDbOptions = {},
): Promise<ScratchDatabase | null> {
  const base = new URL(serverUrl.replace(/^mysql:/, 'mariadb:'));
  let connection;
  try {
    connection = await createConnection({
      host: base.hostname,
      port: Number(base.port || 3306),
      user: decodeURIComponent(base.username || 'root'),
      password: decodeURIComponent(base.password),
      connectTimeout: 3000,
      multipleStatements: fill !== undefined,
    });
  } catch {
    return null;
  }
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET ${charset}`);
  try {
    await fill?.(connection, name);
  } catch (error) {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.end();
    throw error;
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    config: { type: 'mysql', url: url.toString() },
    async drop() {
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
    keep: () => connection.end(),
  };
}
