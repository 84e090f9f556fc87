import { DataSource } from 'typeorm';
import { CLI } from '../../src/common/request-context';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { SessionEntity } from '../../src/modules/auth/session.entity';
import { UserRoleEntity } from '../../src/modules/users/user.entity';
import { StaffService } from '../../src/modules/staff/staff.service';
import { UsersService } from '../../src/modules/users/users.service';
import { TEST_DB } from '../support/harness';
import { type MediumEnv, startMedium } from '../support/medium';

/** Makes every insert into the audit log fail in the database itself, as a full disk or a lost lock would. */
async function refuseAuditInserts(dataSource: DataSource): Promise<() => Promise<void>> {
  if (TEST_DB === 'sqlite') {
    await dataSource.query(
      `CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
    );
  } else {
    await dataSource.query(
      `CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by the test'`,
    );
  }
  return async () => {
    await dataSource.query('DROP TRIGGER test_refuse_audit');
  };
}

describe(`staff service on ${TEST_DB}`, () => {
  let env: MediumEnv;
  let staff: StaffService;
  beforeAll(async () => {
    env = await startMedium();
    staff = env.app.get(StaffService);
  });
  afterAll(() => env.close());

  async function state(userId: number) {
    const ds = env.dataSource;
    return {
      roles: await ds.getRepository(UserRoleEntity).findBy({ userId }),
      openSessions: (await ds.getRepository(SessionEntity).findBy({ userId })).filter((s) => !s.revokedAt)
        .length,
      audit: await ds.getRepository(AuditEntity).count(),
    };
  }

  it('leaves none of three writes across three modules when the last one fails', async () => {
    const admin = await env.actor('o_tx_admin', ['staff', 'admin']);
    const person = await env.actor('o_tx_person');
    await env.dataSource.getRepository(SessionEntity).insert({
      tokenHash: 'f'.repeat(64),
      userId: person.user.id,
      createdAt: new Date(),
      lastSeenAt: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
      revokedAt: null,
    });
    const before = await state(person.user.id);
    expect(before).toMatchObject({ roles: [], openSessions: 1 });

    // grant: roles (users) → end sessions (auth) → audit entry (audit), the last refused.
    const allowAudit = await refuseAuditInserts(env.dataSource);
    try {
      await expect(staff.grant(admin, { userId: person.user.id }, false)).rejects.toThrow(
        /refused by the test/,
      );
    } finally {
      await allowAudit();
    }
    expect(await state(person.user.id)).toEqual(before);

    // The same call with the log accepting: all three land together.
    await staff.grant(admin, { userId: person.user.id }, false);
    const after = await state(person.user.id);
    expect(after.roles.map((r) => r.role)).toEqual(['staff']);
    expect(after.openSessions).toBe(0);
    expect(after.audit).toBe(before.audit + 1);
  });

  it('refuses staff who are not admins before anything is read or written', async () => {
    const clerk = await env.actor('o_clerk', ['staff']);
    const person = await env.actor('o_someone');
    const audit = await env.dataSource.getRepository(AuditEntity).count();
    await expect(staff.grant(clerk, { userId: person.user.id }, true)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(staff.revoke(clerk, { userId: 999_999 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(staff.list(clerk)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await env.dataSource.getRepository(AuditEntity).count()).toBe(audit);
    expect(await env.dataSource.getRepository(UserRoleEntity).findBy({ userId: person.user.id })).toEqual([]);
  });

  it('lets the operator at the command line grant without a session, audited as 命令行', async () => {
    const member = await staff.grant(CLI, { key: 'o_bootstrap_admin' }, true);
    expect(member.roles).toEqual(['admin', 'staff']);
    const [entry] = await env.dataSource.getRepository(AuditEntity).find({ order: { id: 'DESC' }, take: 1 });
    expect(entry).toMatchObject({ action: 'role.granted', actorName: '命令行', target: `user:${member.id}` });
  });

  it('refuses to revoke the last admin, from the console or the command line, and records nothing', async () => {
    const users = env.app.get(UsersService);
    const chief = await env.actor('o_chief', ['staff', 'admin']);
    for (const id of await users.idsWithAnyRole(['admin'])) {
      if (id !== chief.user.id) await staff.revoke(CLI, { userId: id });
    }
    const audit = await env.dataSource.getRepository(AuditEntity).count();
    await expect(staff.revoke(CLI, { userId: chief.user.id })).rejects.toMatchObject({
      code: 'STAFF_LAST_ADMIN',
      status: 409,
    });
    expect(await users.rolesOf(chief.user.id)).toEqual(['admin', 'staff']);
    expect(await env.dataSource.getRepository(AuditEntity).count()).toBe(audit);

    const next = await env.actor('o_next_admin', ['staff', 'admin']);
    await staff.revoke(next, { userId: chief.user.id });
    expect(await users.idsWithAnyRole(['admin'])).toEqual([next.user.id]);
  });

  it('grants again and revokes again without a change or an audit entry', async () => {
    const admin = await env.actor('o_repeat_admin', ['staff', 'admin']);
    const person = await env.actor('o_repeat_person');
    const audit = () => env.dataSource.getRepository(AuditEntity).count();
    await staff.grant(admin, { userId: person.user.id }, false);
    const afterGrant = await audit();
    expect((await staff.grant(admin, { userId: person.user.id }, false)).roles).toEqual(['staff']);
    expect(await audit()).toBe(afterGrant);
    await staff.revoke(admin, { userId: person.user.id });
    const afterRevoke = await audit();
    await staff.revoke(admin, { userId: person.user.id });
    expect(await audit()).toBe(afterRevoke);
  });
});
