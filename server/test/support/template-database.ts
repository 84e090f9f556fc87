import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Connection, createConnection } from 'mysql2/promise';
import { openDatabase } from '../../src/database/open-database';
import {
  DEFAULT_MARIADB_URL,
  type ScratchDatabase,
  scratchMariaDb,
} from '../../src/database/scratch-database';
import { scratchDatabase } from './harness';

/**
 * Every test environment used to start on an empty database and run the whole migration chain: a
 * few hundred milliseconds on SQLite, seconds on MariaDB, for each of hundreds of environments. A
 * run migrates one template instead (jest's global set-up) and each environment starts on a copy:
 * the SQLite file copied, or on MariaDB the template's tables created from their own definitions
 * and its rows (the migrations table) copied. The server still runs its migrations at boot and finds
 * none pending, so what it opens is exactly what migrations make.
 */
const RECIPE_ENV = 'ITSS_TEST_TEMPLATE';

type Recipe =
  | { dialect: 'sqlite'; file: string; dir: string }
  | {
      dialect: 'mariadb';
      database: string;
      /** Names this run's copies, so the teardown finds those still there. */
      run: string;
      tables: { name: string; ddl: string; rows: boolean }[];
      triggers: string[];
    };

interface Named {
  name: string;
}

/** jest's globalSetup: migrate the template and leave its recipe where the test processes find it. */
export async function createTemplate(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'itss-template-'));
  const template = await scratchDatabase();
  const { dataSource } = await openDatabase(template.config);
  let recipe: Recipe;
  try {
    if (template.config.type === 'sqlite') {
      await dataSource.destroy();
      recipe = { dialect: 'sqlite', file: template.config.path, dir };
    } else {
      const database = new URL(template.config.url).pathname.slice(1);
      const tables = await dataSource.query<Named[]>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'`,
        [database],
      );
      const described = [];
      for (const { name } of tables) {
        const [create] = await dataSource.query<{ 'Create Table': string }[]>(
          `SHOW CREATE TABLE \`${name}\``,
        );
        const [counted] = await dataSource.query<{ count: number | string }[]>(
          `SELECT COUNT(*) AS count FROM \`${name}\``,
        );
        if (!create) throw new Error(`no definition of ${name}`);
        described.push({ name, ddl: create['Create Table'], rows: Number(counted?.count) > 0 });
      }
      const triggerNames = await dataSource.query<Named[]>(
        `SELECT trigger_name AS name FROM information_schema.triggers WHERE trigger_schema = ?`,
        [database],
      );
      const triggers = [];
      for (const { name } of triggerNames) {
        const [create] = await dataSource.query<{ 'SQL Original Statement': string }[]>(
          `SHOW CREATE TRIGGER \`${name}\``,
        );
        if (!create) throw new Error(`no definition of trigger ${name}`);
        triggers.push(create['SQL Original Statement'].replace(/DEFINER=\S+\s+/, ''));
      }
      await dataSource.destroy();
      recipe = {
        dialect: 'mariadb',
        database,
        run: randomBytes(3).toString('hex'),
        tables: described,
        triggers,
      };
    }
  } catch (error) {
    await dataSource.destroy();
    await template.drop();
    throw error;
  }
  await template.keep();
  const path = join(dir, 'recipe.json');
  writeFileSync(path, JSON.stringify(recipe));
  process.env[RECIPE_ENV] = path;
}

/** jest's globalTeardown: drop the template (a teardown module has no handle on the set-up's objects). */
export async function dropTemplate(): Promise<void> {
  const path = process.env[RECIPE_ENV];
  if (!path) return;
  const recipe = JSON.parse(readFileSync(path, 'utf8')) as Recipe;
  if (recipe.dialect === 'sqlite') {
    rmSync(join(recipe.file, '..'), { recursive: true, force: true });
  } else {
    const server = new URL((process.env.DATABASE_URL || DEFAULT_MARIADB_URL).replace(/^mysql:/, 'mariadb:'));
    const connection = await createConnection({
      host: server.hostname,
      port: Number(server.port || 3306),
      user: decodeURIComponent(server.username || 'root'),
      password: decodeURIComponent(server.password),
    });
    const copies = (
      await connection.query(`SHOW DATABASES LIKE 'itss\\_test\\_${recipe.run}\\_%'`)
    )[0] as Record<string, string>[];
    for (const name of [recipe.database, ...copies.map((row) => Object.values(row)[0]!)]) {
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    }
    await connection.end();
  }
  rmSync(join(path, '..'), { recursive: true, force: true });
}

async function fillFrom(
  recipe: Extract<Recipe, { dialect: 'mariadb' }>,
  connection: Connection,
  name: string,
): Promise<void> {
  const statements = [
    `USE \`${name}\``,
    'SET FOREIGN_KEY_CHECKS = 0',
    ...recipe.tables.map((table) => table.ddl),
    ...recipe.tables
      .filter((table) => table.rows)
      .map((table) => `INSERT INTO \`${table.name}\` SELECT * FROM \`${recipe.database}\`.\`${table.name}\``),
    'SET FOREIGN_KEY_CHECKS = 1',
  ];
  await connection.query(statements.join(';\n'));
  // A trigger's body holds semicolons: each goes alone.
  for (const trigger of recipe.triggers) await connection.query(trigger);
}

/**
 * A database of this run's kind with every migration applied, copied from the run's template; a
 * fresh one that the server migrates at boot when no template was made (a test file run on its own
 * through a configuration without the global set-up).
 */
export async function migratedScratchDatabase(): Promise<ScratchDatabase> {
  const path = process.env[RECIPE_ENV];
  if (!path) return scratchDatabase();
  const recipe = JSON.parse(readFileSync(path, 'utf8')) as Recipe;
  if (recipe.dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'itss-test-'));
    const file = join(dir, 'itss.sqlite');
    copyFileSync(recipe.file, file);
    return {
      config: { type: 'sqlite', path: file },
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      keep: () => Promise.resolve(),
    };
  }
  const db = await scratchMariaDb(`itss_test_${recipe.run}`, {
    fill: (connection, name) => fillFrom(recipe, connection, name),
  });
  if (!db) throw new Error('TEST_DB=mariadb but no MariaDB answers (DATABASE_URL or 127.0.0.1:3306)');
  // Dropping takes a second or two of the server's time that the next test need not wait for; the
  // run's teardown drops whatever is still there when the last test ends.
  return { ...db, drop: () => (db.drop().catch(() => undefined), Promise.resolve()) };
}
