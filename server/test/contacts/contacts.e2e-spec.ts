import { meSchema, seatLimitsSchema, unitSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { type Departure, UnitDepartures } from '../../src/modules/units/departures';
import { UnitContactEntity } from '../../src/modules/units/unit-contact.entity';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { person } from '../support/joining';
import { codeOf, colleague, get, handOver, memberUnit, removeContact, someone } from './fixtures';

describe('contacts: removal, leaving, hand-over, seat limits', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  const departures: Departure[] = [];
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_contacts_staff', ['staff']);
    env.server.app.get(UnitDepartures).listen((departure) => {
      departures.push(departure);
      return Promise.resolve();
    });
  });
  afterAll(() => env.close());

  const ds = () => env.server.app.get(DataSource);
  const me = async (token: string) => meSchema.parse((await get(env, '/api/me', token)).body);
  const unitAs = async (token: string, id: number) =>
    unitSchema.parse((await get(env, `/api/units/${id}`, token)).body);
  const auditOf = async (unitId: number) =>
    (
      await ds()
        .getRepository(AuditEntity)
        .find({ where: { target: `unit:${unitId}` }, order: { id: 'ASC' } })
    ).map((row) => [row.action, row.detail]);
  const putLimits = (token: string, limits: unknown) =>
    env.server.get('/api/units/seat-limits', {
      method: 'PUT',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({ limits }),
    });

  it('the primary contact removes a contact: gone from the unit, audited, announced for the group removal list', async () => {
    const unit = await memberUnit(env, 'committee');
    const contact = await colleague(env, unit, '王五');
    departures.length = 0;
    const res = await removeContact(env, unit.primary.token, unit.id, contact.id);
    expect(res.status).toBe(204);
    expect((await unitAs(unit.primary.token, unit.id)).contacts.map((c) => c.userId)).toEqual([
      unit.primary.id,
    ]);
    expect(await me(contact.token)).toMatchObject({ unit: null });
    expect(codeOf(await get(env, `/api/units/${unit.id}`, contact.token))).toEqual([404, 'NOT_FOUND']);
    expect((await auditOf(unit.id)).at(-1)).toEqual(['contact.removed', `王五（${unit.name}）`]);
    expect(departures).toEqual([{ unitId: unit.id, userIds: [contact.id], reason: 'contact_left' }]);
    // Removed twice: the second finds no such contact.
    expect(codeOf(await removeContact(env, unit.primary.token, unit.id, contact.id))).toEqual([
      404,
      'CONTACT_NOT_IN_UNIT',
    ]);
  });

  it('a contact leaves by removing themself; staff remove a contact too; another contact may not remove anyone (403)', async () => {
    const unit = await memberUnit(env, 'committee');
    const leaver = await colleague(env, unit, '王一');
    const kept = await colleague(env, unit, '王二');
    const removed = await colleague(env, unit, '王三');
    expect(codeOf(await removeContact(env, kept.token, unit.id, removed.id))).toEqual([403, 'FORBIDDEN']);
    expect((await removeContact(env, leaver.token, unit.id, leaver.id)).status).toBe(204);
    expect((await removeContact(env, staff.token, unit.id, removed.id)).status).toBe(204);
    expect((await unitAs(staff.token, unit.id)).contacts.map((c) => c.name)).toEqual(['李四', '王二']);
    expect((await auditOf(unit.id)).slice(-2).map(([action]) => action)).toEqual([
      'contact.left',
      'contact.removed',
    ]);
  });

  it('the primary contact can neither be removed nor leave (409 CONTACT_PRIMARY_CANNOT_LEAVE), by anyone', async () => {
    const unit = await memberUnit(env);
    const contact = await colleague(env, unit);
    for (const token of [unit.primary.token, staff.token]) {
      expect(codeOf(await removeContact(env, token, unit.id, unit.primary.id))).toEqual([
        409,
        'CONTACT_PRIMARY_CANNOT_LEAVE',
      ]);
    }
    expect(codeOf(await removeContact(env, contact.token, unit.id, unit.primary.id))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect((await unitAs(staff.token, unit.id)).primaryContact?.displayName).toBe('李四');
  });

  it('someone who is not a contact of the unit: 404 CONTACT_NOT_IN_UNIT, for a contact of another unit too', async () => {
    const unit = await memberUnit(env);
    const other = await memberUnit(env);
    const stranger = await someone(env);
    expect(codeOf(await removeContact(env, unit.primary.token, unit.id, stranger.id))).toEqual([
      404,
      'CONTACT_NOT_IN_UNIT',
    ]);
    expect(codeOf(await removeContact(env, unit.primary.token, unit.id, other.primary.id))).toEqual([
      404,
      'CONTACT_NOT_IN_UNIT',
    ]);
    expect(codeOf(await handOver(env, unit.primary.token, unit.id, other.primary.id))).toEqual([
      404,
      'CONTACT_NOT_IN_UNIT',
    ]);
    expect(await ds().getRepository(UnitContactEntity).countBy({ userId: other.primary.id })).toBe(1);
  });

  it('a contact of unit A never removes or hands over in unit B (404), nor learns whether B exists', async () => {
    const a = await memberUnit(env);
    const b = await memberUnit(env);
    const bContact = await colleague(env, b);
    const aContact = await colleague(env, a);
    for (const token of [a.primary.token, aContact.token]) {
      expect(codeOf(await removeContact(env, token, b.id, bContact.id))).toEqual([404, 'NOT_FOUND']);
      expect(codeOf(await removeContact(env, token, b.id, b.primary.id))).toEqual([404, 'NOT_FOUND']);
      expect(codeOf(await handOver(env, token, b.id, bContact.id))).toEqual([404, 'NOT_FOUND']);
      expect(codeOf(await removeContact(env, token, 999_999, bContact.id))).toEqual([404, 'NOT_FOUND']);
    }
    expect((await unitAs(b.primary.token, b.id)).contacts).toHaveLength(2);
  });

  it('hands the primary role over: exactly one primary, GET /api/me says so for both, the former primary may then leave', async () => {
    const unit = await memberUnit(env);
    const next = await colleague(env, unit, '王五');
    expect(codeOf(await handOver(env, next.token, unit.id, next.id))).toEqual([403, 'FORBIDDEN']);
    const res = await handOver(env, unit.primary.token, unit.id, next.id);
    expect(res.status).toBe(200);
    const after = unitSchema.parse(res.body);
    expect(after.isPrimaryContact).toBe(false);
    expect(after.contacts.filter((c) => c.isPrimary).map((c) => c.userId)).toEqual([next.id]);
    expect(after.primaryContact?.displayName).toBe('王五');
    expect((await me(next.token)).unit).toMatchObject({ id: unit.id, isPrimaryContact: true });
    expect((await me(unit.primary.token)).unit).toMatchObject({ id: unit.id, isPrimaryContact: false });
    expect((await auditOf(unit.id)).at(-1)).toEqual(['contact.primary_handed_over', '李四 → 王五']);
    // The former primary no longer manages; handing to the primary again changes nothing.
    expect(codeOf(await handOver(env, unit.primary.token, unit.id, unit.primary.id))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect((await handOver(env, next.token, unit.id, next.id)).status).toBe(200);
    expect(
      (await auditOf(unit.id)).filter(([action]) => action === 'contact.primary_handed_over'),
    ).toHaveLength(1);
    expect((await removeContact(env, unit.primary.token, unit.id, unit.primary.id)).status).toBe(204);
    // Staff hand over too.
    const third = await colleague(env, { ...unit, primary: next }, '王六');
    expect((await handOver(env, staff.token, unit.id, third.id)).status).toBe(200);
    expect((await me(third.token)).unit?.isPrimaryContact).toBe(true);
    expect((await me(next.token)).unit?.isPrimaryContact).toBe(false);
  });

  it('seat limits: the handbook start, changed by staff and audited once per change; GET /api/units/seat-limits is not a unit id', async () => {
    const start = seatLimitsSchema.parse((await get(env, '/api/units/seat-limits', staff.token)).body);
    expect(start).toEqual({ limits: { member: 3, committee: 5, vice_president: 10, president: 10 } });
    const wanted = { member: 4, committee: 6, vice_president: 10, president: 12 };
    const res = await putLimits(staff.token, wanted);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ limits: wanted });
    expect((await putLimits(staff.token, wanted)).status).toBe(200);
    const rows = await ds().getRepository(AuditEntity).findBy({ action: 'unit.seat_limits_changed' });
    expect(rows.map((row) => row.detail)).toEqual(['会员单位 3→4，委员单位 5→6，会长单位 10→12']);
    const unit = await memberUnit(env, 'committee');
    expect((await unitAs(unit.primary.token, unit.id)).seats).toEqual({ used: 1, limit: 6 });

    for (const bad of [
      { ...wanted, member: 0 },
      { ...wanted, member: 2.5 },
      { member: 3, committee: 5, vice_president: 10 },
      { ...wanted, extra: 1 },
    ]) {
      expect(codeOf(await putLimits(staff.token, bad))).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(codeOf(await putLimits(unit.primary.token, wanted))).toEqual([403, 'FORBIDDEN']);
    expect(codeOf(await get(env, '/api/units/seat-limits', unit.primary.token))).toEqual([403, 'FORBIDDEN']);
    expect(codeOf(await get(env, '/api/units/seat-limit', staff.token))).toEqual([400, 'VALIDATION_FAILED']);
    expect(unitSchema.parse((await get(env, `/api/units/${unit.id}`, staff.token)).body).id).toBe(unit.id);
    await putLimits(staff.token, start.limits);
  });
});
