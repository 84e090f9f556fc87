import {
  errorBodySchema,
  joinRequestListSchema,
  joinRequestSchema,
  meSchema,
  messageListResponseSchema,
} from '@itss/shared';
import { DataSource } from 'typeorm';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { UnitJoinRequestEntity } from '../../src/modules/units/join-request.entity';
import { RedisSharedState } from '../../src/state/redis-shared-state';
import { SharedState } from '../../src/state/shared-state';
import { type AuthEnv, bearer, phoneCode, postJson, startAuthEnv } from '../support/auth-env';
import { mismatchedCreditCode, person, validCreditCode } from '../support/joining';
import {
  accept,
  codeOf,
  colleague,
  decide,
  get,
  invite,
  memberUnit,
  pendingRequest,
  requestJoin,
  setStatus,
  someone,
} from './fixtures';

describe('contacts: join requests by credit code', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_requests_staff', ['staff']);
  });
  afterAll(() => env.close());

  const ds = () => env.server.app.get(DataSource);
  const withdraw = (token: string, id: number) =>
    env.server.get(`/api/join-requests/${id}`, { method: 'DELETE', headers: bearer(token) });
  const list = async (token: string, unitId: number, query = '') =>
    joinRequestListSchema.parse((await get(env, `/api/units/${unitId}/join-requests${query}`, token)).body)
      .items;

  it('a colleague asks with the credit code; the primary contact sees it (phone masked) and approves; the colleague is told and is a contact', async () => {
    const unit = await memberUnit(env);
    const requester = await someone(env, 'requester');
    await postJson(
      env,
      '/api/me/phone',
      { code: await phoneCode(env, '13912345678') },
      bearer(requester.token),
    );
    const res = await requestJoin(
      env,
      requester.token,
      unit.id,
      unit.creditCode.toLowerCase(),
      '赵六',
      '工程师',
    );
    expect(res.status).toBe(201);
    const request = joinRequestSchema.parse(res.body);
    expect(request).toMatchObject({
      unit: { id: unit.id, name: unit.name },
      name: '赵六',
      title: '工程师',
      phoneMasked: '139****5678',
      state: 'pending',
      decidedAt: null,
    });
    expect((await list(unit.primary.token, unit.id)).map((r) => r.id)).toEqual([request.id]);
    expect(await list(unit.primary.token, unit.id, '?state=approved')).toEqual([]);
    expect((await list(staff.token, unit.id, '?state=pending')).map((r) => r.id)).toEqual([request.id]);

    const approved = await decide(env, unit.primary.token, unit.id, request.id, 'approve');
    expect(approved.status).toBe(200);
    expect(joinRequestSchema.parse(approved.body)).toMatchObject({ state: 'approved' });
    const me = meSchema.parse((await get(env, '/api/me', requester.token)).body);
    expect(me.unit).toMatchObject({ id: unit.id, isPrimaryContact: false });
    const mine = joinRequestListSchema.parse(
      (await get(env, '/api/join-requests/mine', requester.token)).body,
    );
    expect(mine.items.map((r) => [r.id, r.state])).toEqual([[request.id, 'approved']]);
    const messages = messageListResponseSchema.parse((await get(env, '/api/messages', requester.token)).body);
    expect(messages.items[0]).toMatchObject({
      purpose: 'join_request_decision',
      title: '加入单位申请已通过',
      page: 'packages/unit/pages/index/index',
    });
    expect(messages.items[0]?.body).toContain(unit.name);
    const audit = await ds()
      .getRepository(AuditEntity)
      .find({ where: { target: `unit:${unit.id}` }, order: { id: 'ASC' } });
    expect(audit.map((a) => a.action).slice(-2)).toEqual(['contact.joined', 'join_request.approved']);

    expect(codeOf(await decide(env, unit.primary.token, unit.id, request.id, 'decline'))).toEqual([
      409,
      'JOIN_REQUEST_DECIDED',
    ]);
  });

  it('a wrong code, a unit that does not exist and a unit not active are refused alike: 400 CREDIT_CODE_MISMATCH, nothing written', async () => {
    const unit = await memberUnit(env);
    const suspended = await memberUnit(env);
    await setStatus(env, suspended.id, 'suspended');
    const answers = [
      await requestJoin(env, (await someone(env)).token, unit.id, mismatchedCreditCode()),
      await requestJoin(env, (await someone(env)).token, unit.id, validCreditCode()),
      await requestJoin(env, (await someone(env)).token, 999_999, unit.creditCode),
      await requestJoin(env, (await someone(env)).token, suspended.id, suspended.creditCode),
    ];
    expect(answers.map((res) => [res.status, res.body])).toEqual(
      answers.map(() => [
        400,
        { code: 'CREDIT_CODE_MISMATCH', message: '统一社会信用代码核对未通过，请核对营业执照后重新输入' },
      ]),
    );
    expect(await ds().getRepository(UnitJoinRequestEntity).countBy({ unitId: unit.id })).toBe(0);
  });

  it('after 5 failures in an hour a person is refused 429 with the minutes to wait, even with the right code; a success is not counted', async () => {
    const unit = await memberUnit(env);
    const requester = await someone(env);
    for (let i = 0; i < 4; i++) {
      expect(codeOf(await requestJoin(env, requester.token, unit.id, validCreditCode()))).toEqual([
        400,
        'CREDIT_CODE_MISMATCH',
      ]);
    }
    // The right code: its attempt is given back, so it leaves the count at 4 failures.
    const request = await pendingRequest(env, unit, requester);
    expect((await withdraw(requester.token, request.id)).status).toBe(200);
    // Counted in the shared state: Redis when configured, so every replica sees the same count.
    const state = env.server.app.get(SharedState);
    expect(state instanceof RedisSharedState).toBe(Boolean(process.env.REDIS_URL));
    expect(await state.peek(`throttle:join:person:${requester.id}`)).toBe(4);
    expect(codeOf(await requestJoin(env, requester.token, unit.id, validCreditCode()))).toEqual([
      400,
      'CREDIT_CODE_MISMATCH',
    ]);
    const refused = await requestJoin(env, requester.token, unit.id, unit.creditCode);
    expect(codeOf(refused)).toEqual([429, 'RATE_LIMITED']);
    const minutes = Number(/请 (\d+) 分钟后再试/.exec(errorBodySchema.parse(refused.body).message)?.[1]);
    expect(minutes).toBeGreaterThanOrEqual(59);
    expect(minutes).toBeLessThanOrEqual(60);
    // Another person is not held back by this one's failures.
    expect((await requestJoin(env, (await someone(env)).token, unit.id, unit.creditCode)).status).toBe(201);
  });

  it('after 20 failures against one unit id in a day, a wrong code is refused 429 with the hours to wait, but a colleague with the right code still asks', async () => {
    const unit = await memberUnit(env);
    for (let p = 0; p < 4; p++) {
      const guesser = await someone(env, 'guesser');
      for (let i = 0; i < 5; i++) {
        expect((await requestJoin(env, guesser.token, unit.id, validCreditCode())).status).toBe(400);
      }
    }
    const refused = await requestJoin(env, (await someone(env)).token, unit.id, validCreditCode());
    expect(codeOf(refused)).toEqual([429, 'RATE_LIMITED']);
    expect(errorBodySchema.parse(refused.body).message).toMatch(/（2[34] 小时( \d+ 分钟)?后恢复）/);
    // Strangers cannot lock the unit's own people out: the right code is not a failure to limit.
    const colleagueOf = await someone(env, 'colleague');
    const asked = await requestJoin(env, colleagueOf.token, unit.id, unit.creditCode);
    expect(asked.status).toBe(201);
    expect(joinRequestSchema.parse(asked.body).state).toBe('pending');
    const other = await memberUnit(env);
    expect((await requestJoin(env, (await someone(env)).token, other.id, validCreditCode())).status).toBe(
      400,
    );
  });

  it('one pending request per person (409 JOIN_REQUEST_OPEN); a contact of any unit cannot ask (409 CONTACT_ALREADY_IN_UNIT)', async () => {
    const unit = await memberUnit(env);
    const other = await memberUnit(env);
    const requester = await someone(env);
    await pendingRequest(env, unit, requester);
    expect(codeOf(await requestJoin(env, requester.token, other.id, other.creditCode))).toEqual([
      409,
      'JOIN_REQUEST_OPEN',
    ]);
    expect(codeOf(await requestJoin(env, other.primary.token, unit.id, unit.creditCode))).toEqual([
      409,
      'CONTACT_ALREADY_IN_UNIT',
    ]);
  });

  it('declined: closed, the requester told; withdrawn by its requester only, twice is the same answer, a decided one 409', async () => {
    const unit = await memberUnit(env);
    const requester = await someone(env);
    const request = await pendingRequest(env, unit, requester);
    const declined = await decide(env, staff.token, unit.id, request.id, 'decline');
    expect(joinRequestSchema.parse(declined.body).state).toBe('declined');
    const messages = messageListResponseSchema.parse((await get(env, '/api/messages', requester.token)).body);
    expect(messages.items[0]).toMatchObject({ title: '加入单位申请未通过', page: null });
    expect(meSchema.parse((await get(env, '/api/me', requester.token)).body).unit).toBeNull();
    expect(codeOf(await withdraw(requester.token, request.id))).toEqual([409, 'JOIN_REQUEST_DECIDED']);

    // Closed, so the person may ask again.
    const again = await pendingRequest(env, unit, requester);
    expect(codeOf(await withdraw((await someone(env)).token, again.id))).toEqual([404, 'NOT_FOUND']);
    expect(codeOf(await withdraw(unit.primary.token, again.id))).toEqual([404, 'NOT_FOUND']);
    const first = await withdraw(requester.token, again.id);
    expect(joinRequestSchema.parse(first.body).state).toBe('withdrawn');
    const second = await withdraw(requester.token, again.id);
    expect(second.body).toEqual(first.body);
    expect(codeOf(await decide(env, unit.primary.token, unit.id, again.id, 'approve'))).toEqual([
      409,
      'JOIN_REQUEST_DECIDED',
    ]);
    expect(codeOf(await withdraw(requester.token, 999_999))).toEqual([404, 'NOT_FOUND']);
  });

  it('a person who joins through an invite while their request is pending: the request is withdrawn with it', async () => {
    const unit = await memberUnit(env);
    const other = await memberUnit(env);
    const requester = await someone(env);
    const request = await pendingRequest(env, unit, requester);
    const made = await invite(env, other.primary.token, other.id);
    expect((await accept(env, requester.token, made.token)).status).toBe(200);
    const mine = joinRequestListSchema.parse(
      (await get(env, '/api/join-requests/mine', requester.token)).body,
    );
    expect(mine.items.map((r) => [r.id, r.state])).toEqual([[request.id, 'withdrawn']]);
    expect(await list(unit.primary.token, unit.id, '?state=pending')).toEqual([]);
    expect(codeOf(await decide(env, unit.primary.token, unit.id, request.id, 'approve'))).toEqual([
      409,
      'JOIN_REQUEST_DECIDED',
    ]);
  });

  it('approval into a full unit is refused 409 UNIT_SEATS_FULL and leaves the request pending', async () => {
    const unit = await memberUnit(env, 'member');
    const requester = await someone(env);
    const request = await pendingRequest(env, unit, requester);
    await colleague(env, unit, '王一');
    await colleague(env, unit, '王二');
    expect(codeOf(await decide(env, unit.primary.token, unit.id, request.id, 'approve'))).toEqual([
      409,
      'UNIT_SEATS_FULL',
    ]);
    expect((await list(unit.primary.token, unit.id, '?state=pending')).map((r) => r.id)).toEqual([
      request.id,
    ]);
    // A full unit says so as soon as the code matched.
    expect(codeOf(await requestJoin(env, (await someone(env)).token, unit.id, unit.creditCode))).toEqual([
      409,
      'UNIT_SEATS_FULL',
    ]);
  });

  it("a contact of unit A never reads or decides unit B's requests (404); A's other contacts may not either (403)", async () => {
    const a = await memberUnit(env);
    const b = await memberUnit(env);
    const requestB = await pendingRequest(env, b, await someone(env));
    const requestA = await pendingRequest(env, a, await someone(env));
    const aContact = await colleague(env, a);
    expect(codeOf(await get(env, `/api/units/${b.id}/join-requests`, a.primary.token))).toEqual([
      404,
      'NOT_FOUND',
    ]);
    expect(codeOf(await decide(env, a.primary.token, b.id, requestB.id, 'approve'))).toEqual([
      404,
      'NOT_FOUND',
    ]);
    // B's request through A's own unit: not A's to know of.
    expect(codeOf(await decide(env, a.primary.token, a.id, requestB.id, 'approve'))).toEqual([
      404,
      'NOT_FOUND',
    ]);
    expect(codeOf(await get(env, `/api/units/${a.id}/join-requests`, aContact.token))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(codeOf(await decide(env, aContact.token, a.id, requestA.id, 'approve'))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect((await list(b.primary.token, b.id, '?state=pending')).map((r) => r.state)).toEqual(['pending']);
    expect(codeOf(await get(env, `/api/units/${a.id}/join-requests?state=nope`, a.primary.token))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
  });
});
