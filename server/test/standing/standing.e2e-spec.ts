import {
  arrearsListResponseSchema,
  billListResponseSchema,
  levelRequestListResponseSchema,
  levelRequestPageSchema,
  levelRequestSchema,
  presidentSeatSchema,
  unitArrearsSchema,
  unitRemovalSchema,
  unitSchema,
  unitStandingSchema,
  upgradeDifferenceFen,
} from '@itss/shared';
import { DuesReminderEntity } from '../../src/modules/dues/reminders.entity';
import { MessageEntity } from '../../src/modules/notifications/notification.entity';
import { LevelRequestsService } from '../../src/modules/standing/level-requests.service';
import { UnitLevelChangeEntity } from '../../src/modules/standing/unit-level-change.entity';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import { type AuthEnv, seedOf, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { PDF, person, uploadRaw } from '../support/joining';
import { codeOf, dayFromToday, send, thisYear } from '../dues/dues-support';
import { createGroup, getJson, removalRows, uploadCode } from '../groups/support';
import { billRows, ds, member, pastBills, pay, removalBody, unitInArrears } from './standing-support';

describe('standing: arrears, removal and level changes', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  const get = (token: string | null, path: string) => send(env, token, 'GET', path);
  const post = (token: string | null, path: string, body?: unknown) => send(env, token, 'POST', path, body);
  const arrears = async (query = '') =>
    arrearsListResponseSchema.parse((await get(staff.token, `/api/dues/arrears${query}`)).body).items;
  const unitLevel = async (id: number) =>
    (await ds(env).getRepository(UnitEntity).findOneByOrFail({ id })).level;
  const messagesOf = (userId: number, purpose: string) =>
    ds(env)
      .getRepository(MessageEntity)
      .findBy({ userId, purpose: purpose as never });

  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_standing_staff', ['staff']);
  });
  afterAll(() => env.close());

  describe('arrears and the two-year rule', () => {
    it('lists units with unpaid past-due years, most years first; two years propose removal, a payment clears it at once', async () => {
      const { owner, bills } = await unitInArrears(env);
      const one = await member(env);
      await pastBills(env, one.unitId, [thisYear() - 1], 1_000_000);
      // Paid, waived or not yet due: none of them counts.
      const clean = await member(env);
      const [paid] = await pastBills(env, clean.unitId, [thisYear() - 1]);
      expect((await pay(env, staff.token, paid!.id, 300_000)).status).toBe(201);

      let items = await arrears();
      const mine = items.find((item) => item.unitId === owner.unitId);
      expect(mine).toMatchObject({
        unpaidYears: [thisYear() - 2, thisYear() - 1],
        outstandingFen: 600_000,
        removalProposed: true,
        status: 'active',
        level: 'committee',
      });
      expect(items.find((item) => item.unitId === one.unitId)).toMatchObject({
        unpaidYears: [thisYear() - 1],
        removalProposed: false,
      });
      expect(items.some((item) => item.unitId === clean.unitId)).toBe(false);
      const order = items.map((item) => item.unpaidYears.length);
      expect(order).toEqual([...order].sort((a, b) => b - a));
      expect((await arrears('?proposed=true')).map((item) => item.unitId)).toContain(owner.unitId);
      expect((await arrears('?proposed=false')).map((item) => item.unitId)).not.toContain(owner.unitId);

      // A part payment leaves the year unpaid; paying it in full takes the unit under two years.
      expect((await pay(env, staff.token, bills[0]!.id, 100_000)).status).toBe(201);
      items = await arrears();
      expect(items.find((item) => item.unitId === owner.unitId)).toMatchObject({
        outstandingFen: 500_000,
        removalProposed: true,
      });
      expect((await pay(env, staff.token, bills[0]!.id, 200_000)).status).toBe(201);
      expect((await arrears()).find((item) => item.unitId === owner.unitId)).toMatchObject({
        unpaidYears: [thisYear() - 1],
        removalProposed: false,
      });

      const detail = unitArrearsSchema.parse(
        (await get(staff.token, `/api/units/${owner.unitId}/arrears`)).body,
      );
      expect(detail.bills.map((bill) => bill.year)).toEqual([thisYear(), thisYear() - 1, thisYear() - 2]);
      expect(detail.removal).toBeNull();
      expect(codeOf(await get(staff.token, '/api/units/999999/arrears'))).toEqual([404, 'NOT_FOUND']);
      expect(codeOf(await get(staff.token, '/api/dues/arrears?proposed=maybe'))[0]).toBe(400);
    });

    it('shows the reminders that were sent for the unit’s bills', async () => {
      const { owner, bills } = await unitInArrears(env);
      await ds(env)
        .getRepository(DuesReminderEntity)
        .insert({ billId: bills[1]!.id, step: 'after_30', recipients: 1, sentAt: new Date() });
      const detail = unitArrearsSchema.parse(
        (await get(staff.token, `/api/units/${owner.unitId}/arrears`)).body,
      );
      expect(detail.reminders).toEqual([
        expect.objectContaining({
          billId: bills[1]!.id,
          year: thisYear() - 1,
          channel: 'message',
          recipientCount: 1,
        }),
      ]);
    });
  });

  describe('removal', () => {
    it('removes a proposed unit in one go: status and history, departures and group list, record, audit, 消息; arrears stay', async () => {
      const desk = await person(env, 'o_standing_group_desk', ['staff']);
      const group = await createGroup(env, desk.token);
      await uploadCode(env, desk.token, group.id);
      const { owner } = await unitInArrears(env);
      // Shown the group's code: on the removal list once the unit is removed.
      expect((await getJson(env, `/api/groups/${group.id}/code`, owner.token)).status).toBe(200);

      const res = await post(staff.token, `/api/units/${owner.unitId}/removal`, removalBody());
      expect(res.status).toBe(201);
      expect(unitRemovalSchema.parse(res.body)).toMatchObject({
        unitId: owner.unitId,
        ground: 'unpaid_two_years',
        body: '主任委员会',
        documentNumber: 'ITSS〔2026〕7号',
        recordedByName: expect.any(String) as string,
      });
      const unit = unitSchema.parse((await get(staff.token, `/api/units/${owner.unitId}`)).body);
      expect(unit.status).toBe('removed');
      expect(unit.statusHistory[0]).toMatchObject({
        status: 'removed',
        reason: expect.stringContaining('主任委员会') as string,
      });
      expect(await removalRows(env).findBy({ groupId: group.id, userId: owner.id })).toEqual([
        expect.objectContaining({ reason: 'unit_removed' }),
      ]);
      expect((await getJson(env, `/api/groups/${group.id}/code`, owner.token)).status).toBe(404);
      expect(
        (await auditRows(env, 'unit.removed')).some((row) => row.target === `unit:${owner.unitId}`),
      ).toBe(true);
      expect(await messagesOf(owner.id, 'unit_removed')).toHaveLength(1);
      const directory = await get(null, `/api/directory?q=${encodeURIComponent(unit.name)}`);
      expect(JSON.stringify(directory.body)).not.toContain(`"id":${owner.unitId},`);

      const kept = unitArrearsSchema.parse(
        (await get(staff.token, `/api/units/${owner.unitId}/arrears`)).body,
      );
      expect(kept).toMatchObject({
        status: 'removed',
        unpaidYears: [thisYear() - 2, thisYear() - 1],
        removalProposed: false,
      });
      expect(kept.removal).toMatchObject({ ground: 'unpaid_two_years' });
      expect((await arrears()).some((item) => item.unitId === owner.unitId)).toBe(false);
      expect(codeOf(await post(staff.token, `/api/units/${owner.unitId}/removal`, removalBody()))).toEqual([
        409,
        'STANDING_ALREADY_REMOVED',
      ]);
    });

    it('refuses the unpaid ground for a unit not proposed (409); a breach needs no arrears', async () => {
      const one = await member(env);
      await pastBills(env, one.unitId, [thisYear() - 1]);
      expect(codeOf(await post(staff.token, `/api/units/${one.unitId}/removal`, removalBody()))).toEqual([
        409,
        'STANDING_NOT_PROPOSED',
      ]);
      expect((await get(staff.token, `/api/units/${one.unitId}`)).body).toMatchObject({ status: 'active' });
      const breach = await post(staff.token, `/api/units/${one.unitId}/removal`, removalBody('breach'));
      expect(breach.status).toBe(201);
      expect(codeOf(await post(staff.token, '/api/units/999999/removal', removalBody()))).toEqual([
        404,
        'NOT_FOUND',
      ]);
    });

    it('keeps the decision’s document with the removal; an unusable file refuses it and nothing changes', async () => {
      const { owner } = await unitInArrears(env);
      const foreign = await person(env, 'o_standing_other_uploader', ['staff']);
      const theirs = (await uploadRaw(env, foreign.token, PDF, '决定.pdf', 'application/pdf')).body as {
        id: number;
      };
      const refused = await post(staff.token, `/api/units/${owner.unitId}/removal`, {
        ...removalBody(),
        fileId: theirs.id,
      });
      expect(codeOf(refused)).toEqual([400, 'STANDING_FILE_UNUSABLE']);
      expect((await get(staff.token, `/api/units/${owner.unitId}`)).body).toMatchObject({ status: 'active' });
      const mine = (await uploadRaw(env, staff.token, PDF, '决定.pdf', 'application/pdf')).body as {
        id: number;
      };
      const res = await post(staff.token, `/api/units/${owner.unitId}/removal`, {
        ...removalBody(),
        fileId: mine.id,
      });
      expect(unitRemovalSchema.parse(res.body).fileId).toBe(mine.id);
      expect((await get(staff.token, `/api/files/${mine.id}`)).status).toBe(200);
    });

    it('answers 400 naming the body and the date when they are missing', async () => {
      const { owner } = await unitInArrears(env);
      const { body: _body, decidedOn: _decidedOn, ...rest } = removalBody();
      const res = await post(staff.token, `/api/units/${owner.unitId}/removal`, rest);
      expect(res.status).toBe(400);
      const paths = (res.body as { details: { path: string; message: string }[] }).details.map((d) => d.path);
      expect(paths.sort()).toEqual(['body', 'decidedOn']);
      expect(JSON.stringify(res.body)).toContain('请填写决定日期');
      const bad = await post(staff.token, `/api/units/${owner.unitId}/removal`, {
        ...removalBody(),
        body: '理事会',
      });
      expect(bad.status).toBe(400);
      expect((await get(staff.token, `/api/units/${owner.unitId}`)).body).toMatchObject({ status: 'active' });
    });
  });

  describe('level requests', () => {
    const request = (token: string, unitId: number, toLevel: string, reason = '业务发展需要，申请调整级别') =>
      post(token, `/api/units/${unitId}/level-requests`, { toLevel, reason });
    const decide = (id: number, decision: 'approve' | 'reject', reason?: string) =>
      post(
        staff.token,
        `/api/level-requests/${id}/decisions`,
        reason === undefined ? { decision } : { decision, reason },
      );

    it('refuses a skip, the same level, a colleague who is not primary, a second open request, arrears and a stranger', async () => {
      const owner = await member(env, 'member');
      expect(codeOf(await request(owner.token, owner.unitId, 'vice_president'))).toEqual([
        400,
        'STANDING_SKIP_LEVEL',
      ]);
      expect(codeOf(await request(owner.token, owner.unitId, 'member'))).toEqual([
        400,
        'STANDING_SAME_LEVEL',
      ]);
      expect(codeOf(await request(owner.token, owner.unitId, 'grand'))[0]).toBe(400);
      expect(
        codeOf(
          await post(owner.token, `/api/units/${owner.unitId}/level-requests`, { toLevel: 'committee' }),
        )[0],
      ).toBe(400);
      const colleague = await person(env, 'o_standing_colleague');
      await seedOf(env).addContact(owner.unitId, owner.token, colleague.token, '周七');
      expect(codeOf(await request(colleague.token, owner.unitId, 'committee'))).toEqual([
        403,
        'STANDING_NOT_PRIMARY_CONTACT',
      ]);
      const stranger = await member(env);
      expect(codeOf(await request(stranger.token, owner.unitId, 'committee'))).toEqual([404, 'NOT_FOUND']);
      expect(codeOf(await get(stranger.token, `/api/units/${owner.unitId}/level-requests`))).toEqual([
        404,
        'NOT_FOUND',
      ]);
      expect(codeOf(await get(stranger.token, `/api/units/${owner.unitId}/standing`))).toEqual([
        404,
        'NOT_FOUND',
      ]);

      const first = await request(owner.token, owner.unitId, 'committee');
      expect(first.status).toBe(201);
      expect(codeOf(await request(owner.token, owner.unitId, 'committee'))).toEqual([
        409,
        'STANDING_REQUEST_ALREADY_OPEN',
      ]);
      // The colleague sees the request; the standing says why another is unavailable.
      const seen = levelRequestListResponseSchema.parse(
        (await get(colleague.token, `/api/units/${owner.unitId}/level-requests`)).body,
      );
      expect(seen.items.map((item) => item.state)).toEqual(['open']);
      const standing = unitStandingSchema.parse(
        (await get(owner.token, `/api/units/${owner.unitId}/standing`)).body,
      );
      expect(standing).toMatchObject({
        standing: 'good',
        canRequestLevelChange: false,
        nextLevel: 'committee',
      });
      expect(standing.openRequest?.id).toBe(levelRequestSchema.parse(first.body).id);
      expect(
        codeOf(await post(colleague.token, `/api/level-requests/${standing.openRequest!.id}/withdraw`)),
      ).toEqual([403, 'STANDING_NOT_PRIMARY_CONTACT']);
      const withdrawn = await post(owner.token, `/api/level-requests/${standing.openRequest!.id}/withdraw`);
      expect(levelRequestSchema.parse(withdrawn.body).state).toBe('withdrawn');
      expect(codeOf(await decide(standing.openRequest!.id, 'approve'))).toEqual([
        409,
        'STANDING_REQUEST_NOT_OPEN',
      ]);

      const { owner: owing } = await unitInArrears(env);
      expect(codeOf(await request(owing.token, owing.unitId, 'vice_president'))).toEqual([
        409,
        'STANDING_IN_ARREARS',
      ]);
      const blocked = unitStandingSchema.parse(
        (await get(owing.token, `/api/units/${owing.unitId}/standing`)).body,
      );
      expect(blocked).toMatchObject({
        standing: 'arrears',
        removalProposed: true,
        canRequestLevelChange: false,
      });
      expect(blocked.blockedReason).toContain(`${thisYear() - 2}`);
    });

    it('approves an upgrade: the level at once, its history, and the year’s difference as a second bill in 会费', async () => {
      const owner = await member(env, 'member');
      const created = levelRequestSchema.parse((await request(owner.token, owner.unitId, 'committee')).body);
      expect(created).toMatchObject({
        fromLevel: 'member',
        toLevel: 'committee',
        direction: 'upgrade',
        state: 'open',
      });
      const approved = levelRequestSchema.parse((await decide(created.id, 'approve')).body);
      expect(approved).toMatchObject({
        state: 'approved',
        effectiveYear: thisYear(),
        decidedByName: expect.any(String) as string,
      });
      expect(await unitLevel(owner.unitId)).toBe('committee');
      expect(await ds(env).getRepository(UnitLevelChangeEntity).findBy({ unitId: owner.unitId })).toEqual([
        expect.objectContaining({ fromLevel: 'member', toLevel: 'committee', levelRequestId: created.id }),
      ]);
      const month = Number(dayFromToday(0).slice(5, 7));
      const expected = upgradeDifferenceFen(300_000, 1_000_000, month);
      const bills = billListResponseSchema.parse(
        (await get(owner.token, `/api/units/${owner.unitId}/bills`)).body,
      ).items;
      const difference = bills.find((bill) => bill.kind === 'upgrade');
      expect(difference).toMatchObject({
        id: approved.differenceBillId,
        year: thisYear(),
        level: 'committee',
        amountFen: expected,
      });
      expect(bills.filter((bill) => bill.year === thisYear())).toHaveLength(2);
      const annual = bills.find((bill) => bill.kind === 'annual');
      expect(difference!.remittanceCode).not.toBe(annual!.remittanceCode);
      expect(await messagesOf(owner.id, 'level_request_decision')).toEqual([
        expect.objectContaining({
          page: expect.stringContaining('packages/standing/pages/upgrade/index') as string,
        }),
      ]);
      expect(
        (await auditRows(env, 'level_request.decided')).some(
          (row) => row.target === `level_request:${created.id}`,
        ),
      ).toBe(true);
      // Paying the difference is paying a bill like any other.
      expect((await pay(env, staff.token, difference!.id, expected)).status).toBe(201);
      const standing = unitStandingSchema.parse(
        (await get(owner.token, `/api/units/${owner.unitId}/standing`)).body,
      );
      expect(standing).toMatchObject({
        level: 'committee',
        nextLevel: 'vice_president',
        canRequestLevelChange: true,
      });
    });

    it('needs a reason to reject, which the unit sees', async () => {
      const owner = await member(env, 'member');
      const created = levelRequestSchema.parse((await request(owner.token, owner.unitId, 'committee')).body);
      const missing = await decide(created.id, 'reject');
      expect(missing.status).toBe(400);
      expect(JSON.stringify(missing.body)).toContain('"path":"reason"');
      await decide(created.id, 'reject', '请先完成本年度标准研制任务后再申请');
      const seen = levelRequestListResponseSchema.parse(
        (await get(owner.token, `/api/units/${owner.unitId}/level-requests`)).body,
      );
      expect(seen.items[0]).toMatchObject({
        state: 'rejected',
        decisionReason: '请先完成本年度标准研制任务后再申请',
      });
      expect(await unitLevel(owner.unitId)).toBe('member');
      expect(await messagesOf(owner.id, 'level_request_decision')).toHaveLength(1);
      const page = levelRequestPageSchema.parse(
        (await get(staff.token, '/api/level-requests?state=rejected')).body,
      );
      expect(page.items.map((item) => item.id)).toContain(created.id);
      expect(codeOf(await get(staff.token, '/api/level-requests?state=lost'))[0]).toBe(400);
    });

    it('approves a downgrade for next year: nothing changes now, the level falls when next year’s bills open', async () => {
      const owner = await member(env, 'committee');
      const created = levelRequestSchema.parse((await request(owner.token, owner.unitId, 'member')).body);
      expect(created.direction).toBe('downgrade');
      const approved = levelRequestSchema.parse((await decide(created.id, 'approve')).body);
      expect(approved).toMatchObject({
        state: 'approved',
        effectiveYear: thisYear() + 1,
        differenceBillId: null,
      });
      expect(await unitLevel(owner.unitId)).toBe('committee');
      const standing = unitStandingSchema.parse(
        (await get(owner.token, `/api/units/${owner.unitId}/standing`)).body,
      );
      expect(standing.scheduledLevel).toEqual({ level: 'member', fromYear: thisYear() + 1 });
      expect(codeOf(await request(owner.token, owner.unitId, 'vice_president'))).toEqual([
        409,
        'STANDING_DOWNGRADE_SCHEDULED',
      ]);
      // Next year's opening puts it into force first (the opening's listener, run here for next year).
      await env.server.app.get(LevelRequestsService).applyDueDowngrades(thisYear() + 1);
      expect(await unitLevel(owner.unitId)).toBe('member');
      const after = unitStandingSchema.parse(
        (await get(owner.token, `/api/units/${owner.unitId}/standing`)).body,
      );
      expect(after.scheduledLevel).toBeNull();
    });

    it('keeps one 会长单位: refused while held; approving one of several refuses the others', async () => {
      const a = await member(env, 'vice_president');
      const b = await member(env, 'vice_president');
      const ra = levelRequestSchema.parse((await request(a.token, a.unitId, 'president')).body);
      const rb = levelRequestSchema.parse((await request(b.token, b.unitId, 'president')).body);
      expect(presidentSeatSchema.parse((await get(staff.token, '/api/president-seat')).body)).toEqual({
        holder: null,
        openRequests: 2,
      });
      await decide(ra.id, 'approve');
      const seat = presidentSeatSchema.parse((await get(staff.token, '/api/president-seat')).body);
      expect(seat).toMatchObject({ holder: { unitId: a.unitId }, openRequests: 0 });
      const other = levelRequestListResponseSchema.parse(
        (await get(b.token, `/api/units/${b.unitId}/level-requests`)).body,
      );
      expect(other.items[0]).toMatchObject({
        id: rb.id,
        state: 'rejected',
        decisionReason: expect.stringContaining('会长单位') as string,
      });
      expect(codeOf(await request(b.token, b.unitId, 'president'))).toEqual([
        409,
        'STANDING_PRESIDENT_SEAT_TAKEN',
      ]);
      const standing = unitStandingSchema.parse((await get(b.token, `/api/units/${b.unitId}/standing`)).body);
      expect(standing).toMatchObject({ nextLevel: 'president', canRequestLevelChange: true });
      expect(standing.blockedReason).toContain('会长单位');
      expect(await billRows(env).countBy({ unitId: a.unitId, kind: 'upgrade' })).toBe(0);
    });
  });
});
