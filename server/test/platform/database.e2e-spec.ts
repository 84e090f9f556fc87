import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createConnection } from 'mysql2/promise';
import { HANDBOOK_SERVICES, SERVICES } from '@itss/shared';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { AssociationContentEntity } from '../../src/modules/association/association.entity';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { DatabaseStartupError, openDatabase } from '../../src/database/open-database';
import { schemaDiffAfterMigrations } from '../../src/database/schema-diff';
import { scratchSqlite } from '../../src/database/scratch-database';
import { TEST_DB, scratchDatabase, startServer, testConfig } from '../support/harness';

const CONTENT_TABLES = [
  'association_content',
  'member_services',
  'membership_levels',
  'membership_rights',
  'membership_obligations',
];

async function snapshot(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of CONTENT_TABLES) {
    const rows = await dataSource.query<Record<string, unknown>[]>(`SELECT * FROM ${table}`);
    tables[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return tables;
}

/** The one entry the append-only tests try to change. */
const GRANT_ENTRY = {
  at: new Date(),
  actorId: null,
  actorName: '命令行',
  action: 'role.granted',
  target: 'user:1',
};

describe(`database (${TEST_DB})`, () => {
  it('has migrations that match the entities: generating again reports no changes', async () => {
    const db = await scratchDatabase();
    try {
      expect(await schemaDiffAfterMigrations(db.config)).toEqual({ up: [], down: [] });
    } finally {
      await db.drop();
    }
  });

  it('seeds the handbook on the first start, and a second start changes nothing', async () => {
    const db = await scratchDatabase();
    try {
      const first = await startServer(testConfig(db.config));
      const seeded = await snapshot(first.app.get(DataSource));
      await first.close();
      expect(seeded.membership_rights).toHaveLength(16);
      expect(seeded.membership_levels).toHaveLength(4);

      const second = await startServer(testConfig(db.config));
      expect(await snapshot(second.app.get(DataSource))).toEqual(seeded);
      await second.close();
    } finally {
      await db.drop();
    }
  });

  it('keeps an edit made after seeding across restarts', async () => {
    const db = await scratchDatabase();
    try {
      const first = await startServer(testConfig(db.config));
      await first.app.get(DataSource).query("UPDATE member_services SET text = '已编辑' WHERE position = 1");
      await first.close();
      const second = await startServer(testConfig(db.config));
      const services = (await second.get('/api/services')).body as { items: { text: string }[] };
      expect(services.items[0]?.text).toBe('已编辑');
      await second.close();
    } finally {
      await db.drop();
    }
  });

  it('rewords services still seeded with the handbook words on the next start, and leaves edits alone', async () => {
    const db = await scratchDatabase();
    try {
      const first = await startServer(testConfig(db.config));
      const dataSource = first.app.get(DataSource);
      await dataSource.query('UPDATE member_services SET text = ? WHERE position = 1', [
        HANDBOOK_SERVICES[0],
      ]);
      await dataSource.query('UPDATE member_services SET text = ? WHERE position = 5', [
        HANDBOOK_SERVICES[4],
      ]);
      await dataSource.query("UPDATE member_services SET text = '已编辑' WHERE position = 2");
      await first.close();
      const second = await startServer(testConfig(db.config));
      const services = (await second.get('/api/services')).body as { items: { text: string }[] };
      expect(services.items.map((item) => item.text)).toEqual([SERVICES[0], '已编辑', ...SERVICES.slice(2)]);
      await second.close();
    } finally {
      await db.drop();
    }
  });

  it('stores Chinese and four-byte emoji without loss, even in a latin1 database', async () => {
    // The migrations set utf8mb4 on every table, whatever the database default is.
    const db = await scratchDatabase({ charset: 'latin1' });
    try {
      const { dataSource } = await openDatabase(db.config);
      const repository = dataSource.getRepository(AssociationContentEntity);
      const value = { title: '会员风采 🚀🎉 信息技术服务', body: '𠀀𪚥'.repeat(100) };
      await repository.insert({ key: 'unicode', value });
      expect((await repository.findOneBy({ key: 'unicode' }))?.value).toEqual(value);
      await dataSource.destroy();
    } finally {
      await db.drop();
    }
  });

  it('keeps the audit log append-only: the database refuses updates and deletes', async () => {
    const db = await scratchDatabase();
    try {
      const { dataSource } = await openDatabase(db.config);
      const audit = dataSource.getRepository(AuditEntity);
      await audit.insert(GRANT_ENTRY);
      await expect(audit.update({ target: 'user:1' }, { actorName: '别人' })).rejects.toThrow(/append-only/);
      await expect(audit.delete({ target: 'user:1' })).rejects.toThrow(/append-only/);
      expect(await audit.find()).toEqual([
        expect.objectContaining({ actorName: '命令行', target: 'user:1' }),
      ]);
      await dataSource.destroy();
    } finally {
      await db.drop();
    }
  });

  it('keeps the audit log append-only against rewriting inserts: REPLACE and upserts are refused', async () => {
    const db = await scratchDatabase();
    try {
      const { dataSource } = await openDatabase(db.config);
      const audit = dataSource.getRepository(AuditEntity);
      await audit.insert(GRANT_ENTRY);
      const id = (await audit.find())[0]!.id;
      const at = "'2026-01-01 00:00:00'";
      const rewrites =
        TEST_DB === 'sqlite'
          ? [
              `REPLACE INTO audit_log (id, at, actor_name, action) VALUES (${id}, ${at}, '别人', 'auth.login')`,
              `INSERT OR REPLACE INTO audit_log (id, at, actor_name, action) VALUES (${id}, ${at}, '别人', 'auth.login')`,
              `INSERT INTO audit_log (id, at, actor_name, action) VALUES (${id}, ${at}, '别人', 'auth.login') ON CONFLICT(id) DO UPDATE SET actor_name = '别人'`,
            ]
          : [
              `REPLACE INTO audit_log (id, at, actor_name, action) VALUES (${id}, ${at}, '别人', 'auth.login')`,
              `INSERT INTO audit_log (id, at, actor_name, action) VALUES (${id}, ${at}, '别人', 'auth.login') ON DUPLICATE KEY UPDATE actor_name = '别人'`,
            ];
      for (const sql of rewrites) await expect(dataSource.query(sql)).rejects.toThrow(/append-only/);
      expect(await audit.find()).toEqual([
        expect.objectContaining({ id, actorName: '命令行', action: 'role.granted', target: 'user:1' }),
      ]);
      await dataSource.destroy();
    } finally {
      await db.drop();
    }
  });

  (TEST_DB === 'mariadb' ? it : it.skip)(
    'runs on an account that can neither change the schema nor empty the audit log (DATABASE_MIGRATION_URL)',
    async () => {
      const db = await scratchDatabase();
      if (db.config.type !== 'mysql') throw new Error('unreachable');
      const owner = new URL(db.config.url);
      const account = `itss_app_${randomBytes(3).toString('hex')}`;
      const root = await createConnection({ uri: db.config.url.replace(/^mariadb:/, 'mysql:') });
      try {
        await root.query(`CREATE USER '${account}'@'127.0.0.1' IDENTIFIED BY 'app-password'`);
        await root.query(
          `GRANT SELECT, INSERT, UPDATE, DELETE ON \`${owner.pathname.slice(1)}\`.* TO '${account}'@'127.0.0.1'`,
        );
        const appUrl = `mariadb://${account}:app-password@127.0.0.1:${owner.port || 3306}${owner.pathname}`;

        // Without the owner's account the server cannot build its schema, and says so.
        await expect(openDatabase({ type: 'mysql', url: appUrl })).rejects.toThrow(
          /Cannot migrate the MySQL\/MariaDB/,
        );

        const server = await startServer(
          testConfig({ type: 'mysql', url: appUrl, migrationUrl: db.config.url }),
        );
        try {
          expect((await server.get('/api/membership/levels')).status).toBe(200);
          const app = server.app.get(DataSource);
          await app
            .getRepository(AuditEntity)
            .insert({ at: new Date(), actorId: null, actorName: '命令行', action: 'auth.login' });
          for (const sql of [
            'TRUNCATE TABLE audit_log',
            'DROP TRIGGER audit_log_no_delete',
            'ALTER TABLE audit_log DROP COLUMN detail',
            'DROP TABLE audit_log',
          ]) {
            await expect(app.query(sql)).rejects.toThrow(/denied/i);
          }
          expect(await app.getRepository(AuditEntity).count()).toBe(1);
        } finally {
          await server.close();
        }
      } finally {
        await root.query(`DROP USER IF EXISTS '${account}'@'127.0.0.1'`);
        await root.end();
        await db.drop();
      }
    },
  );

  it('refuses a database migrated by a newer release, naming the unknown migration', async () => {
    const db = await scratchDatabase();
    try {
      const { dataSource } = await openDatabase(db.config);
      await dataSource.query(`INSERT INTO migrations (timestamp, name) VALUES (?, ?)`, [
        9999999999999,
        'FromTheFuture9999999999999',
      ]);
      await dataSource.destroy();
      await expect(openDatabase(db.config)).rejects.toThrow(/FromTheFuture9999999999999/);
      await expect(openDatabase(db.config)).rejects.toBeInstanceOf(DatabaseStartupError);
    } finally {
      await db.drop();
    }
  });
});

(TEST_DB === 'sqlite' ? describe : describe.skip)('SQLite file checks', () => {
  it('creates a missing database file and its folder on first start', async () => {
    const db = scratchSqlite('itss-test');
    if (db.config.type !== 'sqlite') throw new Error('unreachable');
    try {
      const opened = await openDatabase({ type: 'sqlite', path: `${db.config.path}.d/nested/itss.sqlite` });
      expect(opened.created).toBe(true);
      await opened.dataSource.destroy();
    } finally {
      await db.drop();
    }
  });

  it('refuses a corrupt file with a message naming it', async () => {
    const db = scratchSqlite('itss-test');
    if (db.config.type !== 'sqlite') throw new Error('unreachable');
    writeFileSync(db.config.path, 'this is not a database, just some text');
    try {
      await expect(openDatabase(db.config)).rejects.toThrow(
        new DatabaseStartupError(
          `SQLite database file is corrupt or not a SQLite database: ${db.config.path} (restore it from a backup, or move it away to start with an empty database)`,
        ),
      );
    } finally {
      await db.drop();
    }
  });

  it('never synchronizes the schema', () => {
    expect(dataSourceOptions({ type: 'sqlite', path: ':memory:' }).synchronize).toBe(false);
    expect(dataSourceOptions({ type: 'mysql', url: 'mariadb://root@localhost/x' }).synchronize).toBe(false);
  });
});
