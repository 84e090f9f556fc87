import { createHash } from 'node:crypto';
import { errorBodySchema, invitePreviewSchema, joinedUnitSchema, meSchema, unitSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { UnitInviteEntity } from '../../src/modules/units/invite.entity';
import { UnitContactEntity } from '../../src/modules/units/unit-contact.entity';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { person } from '../support/joining';
import {
  accept,
  codeOf,
  colleague,
  expire,
  get,
  invite,
  inviteRes,
  memberUnit,
  setStatus,
  someone,
  unitWithoutContacts,
} from './fixtures';

describe('contacts: invites', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_invites_staff', ['staff']);
  });
  afterAll(() => env.close());

  const ds = () => env.server.app.get(DataSource);
  const unitAs = async (token: string, id: number) =>
    unitSchema.parse((await get(env, `/api/units/${id}`, token)).body);
  const auditOf = async (unitId: number) =>
    (
      await ds()
        .getRepository(AuditEntity)
        .find({ where: { target: `unit:${unitId}` }, order: { id: 'ASC' } })
    ).map((row) => row.action);

  it('the primary contact invites a colleague: a 7-day token kept only as its hash, previewed, accepted once; the colleague is a contact', async () => {
    const unit = await memberUnit(env);
    const before = Date.now();
    const made = await invite(env, unit.primary.token, unit.id);
    const after = Date.now();
    // 32 random bytes, base64url.
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(made.path).toBe(`packages/unit/pages/invite/index?token=${made.token}`);
    // Kept in whole seconds, as a MariaDB DATETIME keeps it.
    const expires = Date.parse(made.expiresAt);
    expect(expires).toBeGreaterThan(before + 7 * 86_400_000 - 1_000);
    expect(expires).toBeLessThanOrEqual(after + 7 * 86_400_000);
    const stored = await ds().getRepository(UnitInviteEntity).findOneByOrFail({ unitId: unit.id });
    expect(stored.tokenHash).toBe(createHash('sha256').update(made.token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(made.token);

    const joiner = await someone(env);
    const preview = await get(env, `/api/invites/${made.token}`, joiner.token);
    expect(invitePreviewSchema.parse(preview.body)).toEqual({
      unit: { id: unit.id, name: unit.name },
      invitedBy: '李四',
      expiresAt: made.expiresAt,
    });
    const accepted = await accept(env, joiner.token, made.token, '王五', '运维经理');
    expect(accepted.status).toBe(200);
    expect(joinedUnitSchema.parse(accepted.body)).toEqual({ unit: { id: unit.id, name: unit.name } });

    const seen = await unitAs(joiner.token, unit.id);
    expect(seen.isPrimaryContact).toBe(false);
    expect(seen.contacts.map((c) => [c.userId, c.name, c.title, c.isPrimary])).toEqual([
      [unit.primary.id, '李四', '总经理助理', true],
      [joiner.id, '王五', '运维经理', false],
    ]);
    expect(seen.seats).toEqual({ used: 2, limit: 3 });
    const me = meSchema.parse((await get(env, '/api/me', joiner.token)).body);
    expect(me.unit).toMatchObject({ id: unit.id, isPrimaryContact: false, status: 'active' });
    expect(await auditOf(unit.id)).toEqual(['unit.created', 'contact.invited', 'contact.joined']);
    const used = await ds().getRepository(UnitInviteEntity).findOneByOrFail({ id: stored.id });
    expect(used.usedBy).toBe(joiner.id);
    expect(used.usedAt).not.toBeNull();
  });

  it('an invite is single use: a second person gets 410 INVITE_USED, on preview and accept', async () => {
    const unit = await memberUnit(env);
    const made = await invite(env, unit.primary.token, unit.id);
    const first = await someone(env);
    expect((await accept(env, first.token, made.token)).status).toBe(200);
    const second = await someone(env);
    expect(codeOf(await accept(env, second.token, made.token))).toEqual([410, 'INVITE_USED']);
    expect(codeOf(await get(env, `/api/invites/${made.token}`, second.token))).toEqual([410, 'INVITE_USED']);
    expect(await ds().getRepository(UnitContactEntity).countBy({ userId: second.id })).toBe(0);
  });

  it('an invite expires after 7 days: 410 INVITE_EXPIRED, nothing written', async () => {
    const unit = await memberUnit(env);
    const made = await invite(env, unit.primary.token, unit.id);
    await expire(env, made.token);
    const joiner = await someone(env);
    expect(codeOf(await get(env, `/api/invites/${made.token}`, joiner.token))).toEqual([
      410,
      'INVITE_EXPIRED',
    ]);
    const res = await accept(env, joiner.token, made.token);
    expect(codeOf(res)).toEqual([410, 'INVITE_EXPIRED']);
    expect(errorBodySchema.parse(res.body).message).toContain('7 天');
    expect(await ds().getRepository(UnitContactEntity).countBy({ userId: joiner.id })).toBe(0);
  });

  it('an unknown token is 404 INVITE_NOT_FOUND, a malformed one 400, and a token says nothing without a session', async () => {
    const joiner = await someone(env);
    const unknown = 'A'.repeat(43);
    expect(codeOf(await get(env, `/api/invites/${unknown}`, joiner.token))).toEqual([
      404,
      'INVITE_NOT_FOUND',
    ]);
    expect(codeOf(await accept(env, joiner.token, unknown))).toEqual([404, 'INVITE_NOT_FOUND']);
    expect(codeOf(await get(env, '/api/invites/short', joiner.token))).toEqual([400, 'VALIDATION_FAILED']);
    expect(codeOf(await accept(env, joiner.token, `${'A'.repeat(42)}!`))).toEqual([400, 'VALIDATION_FAILED']);
    expect((await env.server.get(`/api/invites/${unknown}`)).status).toBe(401);
  });

  it('refuses a name it cannot use for the group nickname (400), leaving the invite usable', async () => {
    const unit = await memberUnit(env);
    const made = await invite(env, unit.primary.token, unit.id);
    const joiner = await someone(env);
    const res = await accept(env, joiner.token, made.token, '王 五');
    expect(codeOf(res)).toEqual([400, 'VALIDATION_FAILED']);
    expect((await accept(env, joiner.token, made.token, '王五')).status).toBe(200);
  });

  it('a person already a contact, of this unit or another, is refused 409 CONTACT_ALREADY_IN_UNIT and the invite stays unused', async () => {
    const unit = await memberUnit(env);
    const other = await memberUnit(env);
    const made = await invite(env, unit.primary.token, unit.id);
    expect(codeOf(await accept(env, other.primary.token, made.token))).toEqual([
      409,
      'CONTACT_ALREADY_IN_UNIT',
    ]);
    expect(codeOf(await accept(env, unit.primary.token, made.token))).toEqual([
      409,
      'CONTACT_ALREADY_IN_UNIT',
    ]);
    const joiner = await someone(env);
    expect((await accept(env, joiner.token, made.token)).status).toBe(200);
  });

  it('a unit not active takes no contact (409 UNIT_NOT_ACTIVE) and gives no invite', async () => {
    const unit = await memberUnit(env);
    const made = await invite(env, unit.primary.token, unit.id);
    await setStatus(env, unit.id, 'suspended');
    const joiner = await someone(env);
    expect(codeOf(await accept(env, joiner.token, made.token))).toEqual([409, 'UNIT_NOT_ACTIVE']);
    expect(codeOf(await inviteRes(env, unit.primary.token, unit.id))).toEqual([409, 'UNIT_NOT_ACTIVE']);
    await setStatus(env, unit.id, 'active');
    expect((await accept(env, joiner.token, made.token)).status).toBe(200);
  });

  it('a full unit refuses the next contact (409 UNIT_SEATS_FULL) and a new invite, until staff raise the limit', async () => {
    const unit = await memberUnit(env, 'member');
    const spare = await invite(env, unit.primary.token, unit.id);
    await colleague(env, unit, '王一');
    await colleague(env, unit, '王二');
    expect((await unitAs(unit.primary.token, unit.id)).seats).toEqual({ used: 3, limit: 3 });
    const joiner = await someone(env);
    const refused = await accept(env, joiner.token, spare.token);
    expect(codeOf(refused)).toEqual([409, 'UNIT_SEATS_FULL']);
    expect(errorBodySchema.parse(refused.body).message).toContain('名额已满');
    expect(codeOf(await inviteRes(env, unit.primary.token, unit.id))).toEqual([409, 'UNIT_SEATS_FULL']);

    const limits = { member: 4, committee: 5, vice_president: 10, president: 10 };
    const put = await env.server.get('/api/units/seat-limits', {
      method: 'PUT',
      headers: { ...bearer(staff.token), 'content-type': 'application/json' },
      body: JSON.stringify({ limits }),
    });
    expect(put.status).toBe(200);
    expect((await accept(env, joiner.token, spare.token)).status).toBe(200);
    expect((await unitAs(unit.primary.token, unit.id)).seats).toEqual({ used: 4, limit: 4 });
    // Back to the handbook's start for the other tests of this file.
    await env.server.get('/api/units/seat-limits', {
      method: 'PUT',
      headers: { ...bearer(staff.token), 'content-type': 'application/json' },
      body: JSON.stringify({ limits: { ...limits, member: 3 } }),
    });
  });

  it('only the primary contact or staff invite: another contact 403, a contact of another unit or a stranger 404', async () => {
    const unit = await memberUnit(env);
    const other = await memberUnit(env);
    const contact = await colleague(env, unit);
    const stranger = await someone(env);
    expect(codeOf(await inviteRes(env, contact.token, unit.id))).toEqual([403, 'FORBIDDEN']);
    expect(codeOf(await inviteRes(env, other.primary.token, unit.id))).toEqual([404, 'NOT_FOUND']);
    expect(codeOf(await inviteRes(env, stranger.token, unit.id))).toEqual([404, 'NOT_FOUND']);
    expect(codeOf(await inviteRes(env, staff.token, 999_999))).toEqual([404, 'NOT_FOUND']);
    const byStaff = await invite(env, staff.token, unit.id);
    expect(
      invitePreviewSchema.parse((await get(env, `/api/invites/${byStaff.token}`, stranger.token)).body)
        .invitedBy,
    ).toBe('会员服务部');
  });

  it('the first invite staff make for a unit with no contacts makes its primary contact; the next joins as a contact', async () => {
    const unit = await unitWithoutContacts(env);
    const first = await someone(env);
    const second = await someone(env);
    const a = await invite(env, staff.token, unit.id);
    const b = await invite(env, staff.token, unit.id);
    expect((await accept(env, first.token, a.token, '钱一')).status).toBe(200);
    expect((await accept(env, second.token, b.token, '钱二')).status).toBe(200);
    expect(meSchema.parse((await get(env, '/api/me', first.token)).body).unit?.isPrimaryContact).toBe(true);
    const seen = await unitAs(staff.token, unit.id);
    expect(seen.contacts.map((c) => [c.name, c.isPrimary])).toEqual([
      ['钱一', true],
      ['钱二', false],
    ]);
    expect(seen.primaryContact?.displayName).toBe('钱一');
  });
});
