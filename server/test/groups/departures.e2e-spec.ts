import { errorBodySchema, groupEntrySchema, groupRemovalListSchema, inviteSchema } from '@itss/shared';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { person } from '../support/joining';
import { createGroup, getJson, member, removalRows, staff, uploadCode } from './support';

function setStatus(env: AuthEnv, token: string, unitId: number, status: string) {
  return env.server.get(`/api/units/${unitId}/status`, {
    method: 'PATCH',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({ status, reason: '未按期缴纳会费' }),
  });
}

const codeOf = (body: unknown) => errorBodySchema.parse(body).code;

/**
 * 待移出群聊 through the routes that end a person's membership: staff suspending a unit
 * (PATCH /api/units/:id/status) and a primary contact removing a colleague.
 */
describe('group entry when people leave, over HTTP', () => {
  let env: AuthEnv;
  let desk: { id: number; token: string };
  let groupId: number;
  beforeAll(async () => {
    env = await startAuthEnv();
    desk = await staff(env, 'desk');
    groupId = (await createGroup(env, desk.token)).id;
    await uploadCode(env, desk.token, groupId);
  });
  afterAll(() => env.close());

  const removalsOf = async (userId: number) =>
    (await removalRows(env).findBy({ groupId, userId })).map((row) => [row.reason, row.doneAt === null]);

  it('suspending a unit lists who was shown the code and takes the way in away; reactivating gives it back', async () => {
    const shown = await member(env);
    const entry = groupEntrySchema.parse((await getJson(env, '/api/groups/entry', shown.token)).body);
    expect(entry.items.find((item) => item.groupId === groupId)?.status).toBe('code');

    expect((await setStatus(env, desk.token, shown.unitId, 'suspended')).status).toBe(200);
    const refused = await getJson(env, '/api/groups/entry', shown.token);
    expect([refused.status, codeOf(refused.body)]).toEqual([403, 'GROUP_UNIT_NOT_ACTIVE']);
    expect((await getJson(env, `/api/groups/${groupId}/code`, shown.token)).status).toBe(404);
    expect(await removalsOf(shown.id)).toEqual([['unit_suspended', true]]);
    const list = groupRemovalListSchema.parse((await getJson(env, '/api/groups/removals', desk.token)).body);
    expect(list.items.some((item) => item.group.id === groupId && item.reason === 'unit_suspended')).toBe(
      true,
    );

    // Back as a member, shown the code again (and audited again), then removed: listed a second time.
    expect((await setStatus(env, desk.token, shown.unitId, 'active')).status).toBe(200);
    expect((await getJson(env, `/api/groups/${groupId}/code`, shown.token)).status).toBe(200);
    const revealed = (await auditRows(env, 'group.code_revealed')).filter((row) => row.actorId === shown.id);
    expect(revealed).toHaveLength(2);
    expect((await setStatus(env, desk.token, shown.unitId, 'removed')).status).toBe(200);
    expect((await removalsOf(shown.id)).sort()).toEqual([
      ['unit_removed', true],
      ['unit_suspended', true],
    ]);
  });

  it('a colleague removed by the primary contact is listed with 已不是单位联系人 and is no member any more', async () => {
    const primary = await member(env);
    const invite = await postJson(env, `/api/units/${primary.unitId}/invites`, {}, bearer(primary.token));
    expect(invite.status).toBe(201);
    const colleague = await person(env, 'o_group_colleague');
    const accepted = await postJson(
      env,
      `/api/invites/${inviteSchema.parse(invite.body).token}/accept`,
      { name: '周七', title: '运维经理' },
      bearer(colleague.token),
    );
    expect(accepted.status).toBe(200);
    const entry = groupEntrySchema.parse((await getJson(env, '/api/groups/entry', colleague.token)).body);
    expect(entry.items.find((item) => item.groupId === groupId)?.nickname).toBe('示例信息技术-周七');

    const removed = await env.server.get(`/api/units/${primary.unitId}/contacts/${colleague.id}`, {
      method: 'DELETE',
      headers: bearer(primary.token),
    });
    expect(removed.status).toBeLessThan(300);
    expect(await removalsOf(colleague.id)).toEqual([['contact_left', true]]);
    const row = await removalRows(env).findOneByOrFail({ groupId, userId: colleague.id });
    expect([row.name, row.nickname]).toEqual(['周七', '示例信息技术-周七']);
    const refused = await getJson(env, '/api/groups/entry', colleague.token);
    expect([refused.status, codeOf(refused.body)]).toEqual([403, 'GROUP_MEMBERS_ONLY']);
    // The primary contact stays in.
    expect(await removalsOf(primary.id)).toEqual([]);
  });
});
