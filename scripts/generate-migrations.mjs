#!/usr/bin/env node
// Generates a migration per dialect (SQLite and MySQL/MariaDB) from the difference between the
// entities and what the existing migrations build. Review the files; the server finds them by their
// timestamped name, no index to edit. Usage: npm run build && node scripts/generate-migrations.mjs <PascalCaseName>
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { schemaDiffAfterMigrations } = require('../server/dist/database/schema-diff.js');
const { scratchMariaDb, scratchSqlite } = require('../server/dist/database/scratch-database.js');

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('Usage: node scripts/generate-migrations.mjs <PascalCaseName>');
  process.exit(2);
}
const timestamp = Date.now();
const className = `${name}${timestamp}`;

function source(diff) {
  const lines = (queries) =>
    queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(diff.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(diff.down)}
  }
}
`;
}

// TypeORM leaves the table charset to the database default; a latin1 default would break Chinese.
const UTF8MB4 = ' DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const withCharset = (q) => (/^CREATE TABLE .* ENGINE=InnoDB$/.test(q) ? q + UTF8MB4 : q);

async function generate(dialect, config) {
  const diff = await schemaDiffAfterMigrations(config);
  if (dialect === 'mysql') diff.up = diff.up.map(withCharset);
  if (diff.up.length === 0) {
    console.log(`${dialect}: no changes`);
    return;
  }
  const file = join(
    import.meta.dirname,
    `../server/src/database/migrations/${dialect}/${timestamp}-${name}.ts`,
  );
  writeFileSync(file, source(diff));
  console.log(`${dialect}: wrote ${file} (${diff.up.length} statements) — review it`);
}

const sqlite = scratchSqlite('itss-gen');
try {
  await generate('sqlite', sqlite.config);
} finally {
  await sqlite.drop();
}
const mariadb = await scratchMariaDb('itss_gen');
if (!mariadb) {
  console.error('mysql: MariaDB is not reachable (set DATABASE_URL or run one on 127.0.0.1:3306)');
  process.exit(1);
}
try {
  await generate('mysql', mariadb.config);
} finally {
  await mariadb.drop();
}
