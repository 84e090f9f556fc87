import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StaffError, errorMessage } from '@itss/shared';
import { openDatabase } from '../../src/database/open-database';
import { scratchSqlite } from '../../src/database/scratch-database';
import { UserEntity, UserRoleEntity } from '../../src/modules/users/user.entity';
import { TEST_DB } from '../support/harness';

/**
 * The built entry points, run as an operator runs them (scripts/test.mjs builds before testing):
 * start-up refusals must stop the process with one line that names the cause.
 */
const DIST = join(__dirname, '../../dist');

function run(script: string, args: string[], env: Record<string, string>) {
  if (!existsSync(join(DIST, script)))
    throw new Error(`server/dist/${script} missing: run "npm run build" first`);
  const { PATH, HOME } = process.env;
  return spawnSync(process.execPath, [join(DIST, script), ...args], {
    env: { PATH, HOME, LOG_LEVEL: 'error', ...env },
    encoding: 'utf8',
    timeout: 20000,
  });
}

(TEST_DB === 'sqlite' ? describe : describe.skip)('start-up refusals of server/dist/main.js', () => {
  it.each([
    [{ NODE_ENV: 'production' }, /WECHAT_APPID: required in production/],
    [
      {
        NODE_ENV: 'production',
        WECHAT_APPID: 'wx00000000000000d0',
        WECHAT_SECRET: '0000000000000000000000000000d0d0',
      },
      /WECHAT_SECRET: the stand-in's development credentials are refused in production/,
    ],
    [{ PORT: 'eighty' }, /PORT:/],
    [{ DATABASE_URL: 'postgres://localhost/itss' }, /DATABASE_URL:/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL: must look like redis:\/\//],
  ])('refuses %o', (env, message) => {
    const result = run('main.js', [], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Start-up refused: /);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('is production unless told otherwise: no stand-in (and no demo admin) without WeChat credentials', () => {
    const db = scratchSqlite('itss-startup');
    if (db.config.type !== 'sqlite') throw new Error('unreachable');
    const result = run('main.js', [], { SQLITE_PATH: db.config.path, PORT: '0' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Start-up refused: Invalid configuration: WECHAT_APPID: required in production; WECHAT_SECRET: required in production; EVENT_TICKET_SECRET: required in production',
    );
    expect(existsSync(db.config.path)).toBe(false);
  });

  it('refuses a Redis that does not answer, naming REDIS_URL and never its password', async () => {
    const db = scratchSqlite('itss-startup');
    if (db.config.type !== 'sqlite') throw new Error('unreachable');
    const result = run('main.js', [], {
      NODE_ENV: 'development',
      SQLITE_PATH: db.config.path,
      PORT: '0',
      REDIS_URL: 'redis://:hunter2@127.0.0.1:9',
    });
    expect(result.status).toBe(1);
    // One line: no stack of framework frames before it.
    expect(result.stderr.trim()).toBe(
      'Start-up refused: Cannot reach Redis at 127.0.0.1:9 (REDIS_URL): connect ECONNREFUSED 127.0.0.1:9',
    );
    expect(result.stderr).not.toContain('hunter2');
    await db.drop();
  });

  it('refuses a corrupt SQLite file, naming it', async () => {
    const db = scratchSqlite('itss-startup');
    if (db.config.type !== 'sqlite') throw new Error('unreachable');
    writeFileSync(db.config.path, 'not a database');
    const result = run('main.js', [], { NODE_ENV: 'development', SQLITE_PATH: db.config.path, PORT: '0' });
    expect(result.status).toBe(1);
    // One line: no stack of framework frames before it.
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Start-up refused: .*corrupt or not a SQLite database: /) as unknown,
    ]);
    expect(result.stderr).toContain(`corrupt or not a SQLite database: ${db.config.path}`);
    await db.drop();
  });
});

(TEST_DB === 'sqlite' ? describe : describe.skip)('npm run staff (server/dist/cli/staff.js)', () => {
  /** Real-looking credentials so the CLI's config loads without serving the stand-in. */
  const cliEnv = (path: string) => ({
    SQLITE_PATH: path,
    WECHAT_APPID: 'wx0123456789abcdef',
    WECHAT_SECRET: '0123456789abcdef0123456789abcdef',
    EVENT_TICKET_SECRET: 'production-ticket-secret-0123456789abcdef',
  });

  it('grants staff and admin by openid before the first login, revokes (never the last admin), and audits', async () => {
    const db = scratchSqlite('itss-cli');
    if (db.config.type !== 'sqlite') throw new Error('unreachable');
    try {
      const added = run('cli/staff.js', ['add', 'o_first_admin', '--admin'], cliEnv(db.config.path));
      expect([added.status, added.stdout]).toEqual([0, expect.stringContaining('Granted staff + admin')]);
      const { dataSource } = await openDatabase(db.config);
      const user = await dataSource.getRepository(UserEntity).findOneByOrFail({ openid: 'o_first_admin' });
      const roles = await dataSource.getRepository(UserRoleEntity).findBy({ userId: user.id });
      expect(roles.map((r) => r.role).sort()).toEqual(['admin', 'staff']);
      await dataSource.destroy();

      const last = run('cli/staff.js', ['remove', 'o_first_admin'], cliEnv(db.config.path));
      expect([last.status, last.stderr.trim()]).toEqual([1, errorMessage(StaffError.LastAdmin)]);
      run('cli/staff.js', ['add', 'o_next_admin', '--admin'], cliEnv(db.config.path));
      const removed = run('cli/staff.js', ['remove', 'o_first_admin'], cliEnv(db.config.path));
      expect(removed.status).toBe(0);
      const reopened = await openDatabase(db.config);
      expect(await reopened.dataSource.getRepository(UserRoleEntity).countBy({ userId: user.id })).toBe(0);
      const audit = await reopened.dataSource.query<{ action: string; actor_name: string }[]>(
        'SELECT action, actor_name FROM audit_log ORDER BY id',
      );
      expect(audit).toEqual([
        { action: 'role.granted', actor_name: '命令行' },
        { action: 'role.granted', actor_name: '命令行' },
        { action: 'role.revoked', actor_name: '命令行' },
      ]);
      await reopened.dataSource.destroy();
    } finally {
      await db.drop();
    }
  });

  it('explains an unknown phone and a wrong command', async () => {
    const db = scratchSqlite('itss-cli');
    if (db.config.type !== 'sqlite') throw new Error('unreachable');
    const unknown = run('cli/staff.js', ['add', '13800000000'], cliEnv(db.config.path));
    expect([unknown.status, unknown.stderr.trim()]).toEqual([
      1,
      '没有绑定该手机号的用户：请对方先登录小程序并绑定手机号',
    ]);
    const usage = run('cli/staff.js', ['promote', 'x'], cliEnv(db.config.path));
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Usage: npm run staff');
    await db.drop();
  });

  it.each([
    [['add', '--admin'], 'give the openid or phone of the person to add'],
    [['add', '--admin', 'o_x', 'o_y'], 'unexpected arguments: o_y'],
    [['add', 'o_x', '--admn'], "Unknown option '--admn'"],
    [['remove', 'o_x', '--admin'], '--admin applies to add only'],
    [['add', `o_${'x'.repeat(63)}`], 'not a mainland mobile number or an openid'],
    [['add', 'o x'], 'not a mainland mobile number or an openid'],
  ])('refuses %j before touching the database', (args, message) => {
    const db = scratchSqlite('itss-cli');
    if (db.config.type !== 'sqlite') throw new Error('unreachable');
    const result = run('cli/staff.js', args, cliEnv(db.config.path));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: npm run staff');
    expect(existsSync(db.config.path)).toBe(false);
  });

  it('accepts the flag before the key, and refuses a corrupt database in one line', async () => {
    const db = scratchSqlite('itss-cli');
    if (db.config.type !== 'sqlite') throw new Error('unreachable');
    try {
      const added = run('cli/staff.js', ['add', '--admin', 'o_flag_first'], cliEnv(db.config.path));
      expect([added.status, added.stdout]).toEqual([0, expect.stringContaining('Granted staff + admin')]);
      const { dataSource } = await openDatabase(db.config);
      expect(await dataSource.getRepository(UserEntity).findOneBy({ openid: '--admin' })).toBeNull();
      await dataSource.destroy();
    } finally {
      await db.drop();
    }
    const corrupt = scratchSqlite('itss-cli');
    if (corrupt.config.type !== 'sqlite') throw new Error('unreachable');
    writeFileSync(corrupt.config.path, 'not a database');
    const refused = run('cli/staff.js', ['add', 'o_x'], cliEnv(corrupt.config.path));
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/corrupt or not a SQLite database: /) as unknown,
    ]);
    await corrupt.drop();
  });
});
