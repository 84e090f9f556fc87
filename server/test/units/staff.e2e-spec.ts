import { errorBodySchema, unitListResponseSchema, unitSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { type Departure, UnitDepartures } from '../../src/modules/units/departures';
import { UnitStatusChangeEntity } from '../../src/modules/units/unit-status-change.entity';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { applicationIn, decided, person, submitApplication } from '../support/joining';
import { changeStatus, postUnit, recordUnit, unitBody, uploadSheet, workbookOf, sheetRow } from './sheets';

describe('units: staff keep the member list', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  const departures: Departure[] = [];
  const ds = () => env.server.app.get(DataSource);
  const codeOf = (res: { body: unknown }) => errorBodySchema.parse(res.body).code;

  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_units_keeper', ['staff']);
    env.server.app.get(UnitDepartures).listen((departure) => {
      departures.push(departure);
      return Promise.resolve();
    });
  });
  afterAll(() => env.close());

  const list = async (query: string) => {
    const res = await env.server.get(`/api/units${query}`, { headers: bearer(staff.token) });
    expect(res.status).toBe(200);
    return unitListResponseSchema.parse(res.body);
  };

  it('records a unit that joined before the system: no contacts, active since its day, history 工作人员录入, audited', async () => {
    const body = unitBody({ name: '杭州往年入会科技有限公司', joinedOn: '2016-04-18', level: 'committee' });
    const res = await postUnit(env, staff.token, { ...body, creditCode: body.creditCode.toLowerCase() });
    expect(res.status).toBe(201);
    const unit = unitSchema.parse(res.body);
    expect(unit).toMatchObject({
      name: '杭州往年入会科技有限公司',
      creditCode: body.creditCode,
      level: 'committee',
      status: 'active',
      joinedOn: '2016-04-18',
      contacts: [],
      primaryContact: null,
    });
    expect(unit.statusHistory).toEqual([
      { status: 'active', reason: '工作人员录入', at: expect.any(String) as string, by: '测试用户' },
    ]);
    const audit = await ds()
      .getRepository(AuditEntity)
      .findBy({ target: `unit:${unit.id}` });
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([['unit.created', staff.id]]);
  });

  it('refuses a credit code on record (409 UNIT_CREDIT_CODE_TAKEN), whatever its status, writing nothing', async () => {
    const unit = await recordUnit(env, staff.token);
    expect((await changeStatus(env, staff.token, unit.id, 'removed')).status).toBe(200);
    const before = await ds().getRepository(UnitEntity).count();
    const res = await postUnit(
      env,
      staff.token,
      unitBody({ creditCode: unit.creditCode, name: '另一家公司名称' }),
    );
    expect([res.status, codeOf(res)]).toEqual([409, 'UNIT_CREDIT_CODE_TAKEN']);
    expect(await ds().getRepository(UnitEntity).count()).toBe(before);
  });

  it('refuses a bad unit with field errors in Chinese (400), never a 500', async () => {
    const res = await postUnit(env, staff.token, {
      ...unitBody(),
      creditCode: '123',
      city: '广州市',
      province: '北京市',
      level: 'gold',
    });
    expect(res.status).toBe(400);
    const body = errorBodySchema.parse(res.body);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(body.details)).toMatch(/统一社会信用代码应为 18 位/);
  });

  it('shows the approval as the first entry of the status history, by the system', async () => {
    const applicant = await person(env, 'o_units_history_applicant');
    const approved = await applicationIn(env, applicant.token, 'approved');
    const res = await env.server.get(`/api/units/${approved.unit?.id}`, { headers: bearer(applicant.token) });
    expect(unitSchema.parse(res.body).statusHistory).toEqual([
      { status: 'active', reason: '入会申请获批', at: expect.any(String) as string, by: null },
    ]);
  });

  it('suspends, restores and removes a unit: history newest first, audited with the reason, removal final', async () => {
    const applicant = await person(env, 'o_units_suspended_contact');
    const application = await submitApplication(env, applicant.token);
    const unitId = (await decided(env, staff.token, application.id, 'approve')).unit?.id ?? 0;
    departures.length = 0;

    const suspended = await changeStatus(env, staff.token, unitId, 'suspended', '逾期未缴纳会费');
    expect(suspended.status).toBe(200);
    expect(unitSchema.parse(suspended.body).status).toBe('suspended');
    expect(departures).toEqual([{ unitId, userIds: [applicant.id], reason: 'unit_suspended' }]);

    // The same status again: 200, nothing recorded, nobody announced.
    const again = await changeStatus(env, staff.token, unitId, 'suspended', '重复提交');
    expect(again.status).toBe(200);
    expect(departures).toHaveLength(1);

    expect((await changeStatus(env, staff.token, unitId, 'active', '已补缴会费')).status).toBe(200);
    expect(departures).toHaveLength(1);
    const removed = await changeStatus(env, staff.token, unitId, 'removed', '严重违反分会章程');
    expect(unitSchema.parse(removed.body).status).toBe('removed');
    expect(departures.at(-1)).toEqual({ unitId, userIds: [applicant.id], reason: 'unit_removed' });

    for (const status of ['active', 'suspended']) {
      const refused = await changeStatus(env, staff.token, unitId, status, '想恢复');
      expect([refused.status, codeOf(refused)]).toEqual([409, 'UNIT_WRONG_STATUS']);
    }
    expect((await changeStatus(env, staff.token, unitId, 'removed', '再次除名')).status).toBe(200);

    // The contact still sees the unit's page, with the whole history.
    const seen = unitSchema.parse(
      (await env.server.get(`/api/units/${unitId}`, { headers: bearer(applicant.token) })).body,
    );
    expect(seen.statusHistory.map((entry) => [entry.status, entry.reason, entry.by])).toEqual([
      ['removed', '严重违反分会章程', '测试用户'],
      ['active', '已补缴会费', '测试用户'],
      ['suspended', '逾期未缴纳会费', '测试用户'],
      ['active', '入会申请获批', null],
    ]);
    const audit = await ds()
      .getRepository(AuditEntity)
      .find({ where: { target: `unit:${unitId}`, action: 'unit.status_changed' }, order: { id: 'ASC' } });
    expect(audit.map((row) => row.detail)).toEqual([
      '正常 → 暂停：逾期未缴纳会费',
      '暂停 → 正常：已补缴会费',
      '正常 → 已除名：严重违反分会章程',
    ]);
  });

  it('lets a removed unit rejoin by a new application: the same unit, active again, the applicant its one primary contact', async () => {
    const former = await person(env, 'o_units_former_contact');
    const first = await submitApplication(env, former.token, { unitName: '除名后重新入会有限公司' });
    const unitId = (await decided(env, staff.token, first.id, 'approve')).unit?.id ?? 0;
    expect((await changeStatus(env, staff.token, unitId, 'removed', '连续两年未缴纳会费')).status).toBe(200);

    const applicant = await person(env, 'o_units_rejoining');
    const again = await submitApplication(env, applicant.token, {
      creditCode: first.creditCode,
      level: 'member',
    });
    const approved = await decided(env, staff.token, again.id, 'approve');
    expect(approved.unit?.id).toBe(unitId);
    const unit = unitSchema.parse(
      (await env.server.get(`/api/units/${unitId}`, { headers: bearer(staff.token) })).body,
    );
    expect(unit).toMatchObject({
      status: 'active',
      level: 'member',
      contacts: [expect.objectContaining({ isPrimary: true })],
    });
    expect(unit.contacts.map((contact) => contact.userId)).toEqual([applicant.id]);
    expect(unit.statusHistory.map((entry) => [entry.status, entry.reason])).toEqual([
      ['active', '入会申请获批'],
      ['removed', '连续两年未缴纳会费'],
      ['active', '入会申请获批'],
    ]);
    expect(await ds().getRepository(UnitEntity).countBy({ creditCode: first.creditCode })).toBe(1);
    // The former contact is free again: their own unit was removed.
    expect((await env.server.get(`/api/units/${unitId}`, { headers: bearer(former.token) })).status).toBe(
      404,
    );
  });

  it('answers 404 for the status of a unit that does not exist, and refuses a reason too short (400)', async () => {
    const missing = await changeStatus(env, staff.token, 999_999, 'suspended');
    expect(missing.status).toBe(404);
    const unit = await recordUnit(env, staff.token);
    const short = await changeStatus(env, staff.token, unit.id, 'suspended', '无');
    expect([short.status, codeOf(short)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await ds().getRepository(UnitStatusChangeEntity).countBy({ unitId: unit.id })).toBe(1);
  });

  it('lists newest first in keyset pages that never repeat or skip, with contact counts and primary names', async () => {
    const marker = `分页${Date.now() % 100_000}`;
    const made: number[] = [];
    for (let i = 0; i < 7; i++)
      made.push((await recordUnit(env, staff.token, { name: `${marker}第${i}家公司` })).id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`?q=${encodeURIComponent(marker)}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    expect(pages).toBe(3);

    const applicant = await person(env, 'o_units_listed_contact');
    const approved = await applicationIn(env, applicant.token, 'approved');
    const listed = await list(`?q=${encodeURIComponent(approved.creditCode.toLowerCase())}`);
    expect(listed.items).toEqual([
      expect.objectContaining({ id: approved.unit?.id, contactCount: 1, primaryContactName: '李四' }),
    ]);
    const bare = await list(`?q=${encodeURIComponent(marker)}&limit=1`);
    expect(bare.items[0]).toMatchObject({ contactCount: 0, primaryContactName: null });
  });

  it('filters by level and status, searches a part of the name, and takes wildcards literally', async () => {
    const marker = `筛选${Date.now() % 100_000}`;
    const a = await recordUnit(env, staff.token, { name: `${marker}甲_公司`, level: 'president' });
    const b = await recordUnit(env, staff.token, { name: `${marker}乙公司`, level: 'member' });
    await changeStatus(env, staff.token, b.id, 'suspended');
    const q = `?q=${encodeURIComponent(marker)}`;
    expect((await list(`${q}&level=president`)).items.map((i) => i.id)).toEqual([a.id]);
    expect((await list(`${q}&status=suspended`)).items.map((i) => i.id)).toEqual([b.id]);
    expect((await list(`?q=${encodeURIComponent(`${marker}甲_`)}`)).items.map((i) => i.id)).toEqual([a.id]);
    expect((await list(`?q=${encodeURIComponent(`${marker}%`)}`)).items).toEqual([]);
    expect((await list(`?q=${encodeURIComponent(a.creditCode.slice(0, 10))}`)).items).toEqual([]);
  });

  it('refuses a forged cursor (400) rather than failing', async () => {
    for (const cursor of [
      'not-a-cursor',
      Buffer.from('"x"').toString('base64url'),
      Buffer.from('-5').toString('base64url'),
    ]) {
      const res = await env.server.get(`/api/units?cursor=${cursor}`, { headers: bearer(staff.token) });
      expect([res.status, codeOf(res)]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('keeps every staff route from a unit’s own primary contact (403), and its page from other contacts (404)', async () => {
    const owner = await person(env, 'o_units_owner_a');
    const other = await person(env, 'o_units_owner_b');
    const unitA = (await applicationIn(env, owner.token, 'approved')).unit?.id ?? 0;
    const unitB = (await applicationIn(env, other.token, 'approved')).unit?.id ?? 0;
    const as = bearer(owner.token);
    const units = await ds().getRepository(UnitEntity).count();
    const forbidden = [
      await changeStatus(env, owner.token, unitA, 'suspended'),
      await changeStatus(env, owner.token, unitB, 'suspended'),
      await env.server.get('/api/units', { headers: as }),
      await env.server.get('/api/units/export', { headers: as }),
      await postUnit(env, owner.token, unitBody()),
      await uploadSheet(env, owner.token, await workbookOf([sheetRow()])),
      await env.server.get('/api/units/import/abcdefghijklmnopqrstuvwx/confirm', {
        method: 'POST',
        headers: as,
      }),
    ];
    expect(forbidden.map((res) => res.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect((await env.server.get(`/api/units/${unitB}`, { headers: as })).status).toBe(404);
    expect(await ds().getRepository(UnitEntity).countBy({ status: 'suspended', id: unitA })).toBe(0);
    expect(await ds().getRepository(UnitEntity).count()).toBe(units);
  });
});
