import {
  GROUP_CODE_MAX_BYTES,
  errorBodySchema,
  groupEntrySchema,
  groupListSchema,
  groupRemovalListSchema,
  groupRemovalSchema,
  groupSchema,
  groupTodoListSchema,
  groupTodoSchema,
} from '@itss/shared';
import { In, IsNull } from 'typeorm';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { person } from '../support/joining';
import {
  JPEG,
  PNG,
  changeUnitStatus,
  codeForm,
  codeRows,
  createGroup,
  filesOnDisk,
  getJson,
  hoursFromNow,
  member,
  putCode,
  removalRows,
  revealRows,
  staff,
  todoOf,
  todoRows,
  uploadCode,
} from './support';

const NICKNAME = '示例信息技术-李四';

function patch(env: AuthEnv, token: string, id: number, body: unknown) {
  return env.server.get(`/api/groups/${id}`, {
    method: 'PATCH',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const codeOf = (body: unknown) => errorBodySchema.parse(body).code;

async function entry(env: AuthEnv, token: string) {
  const res = await getJson(env, '/api/groups/entry', token);
  if (res.status !== 200) throw new Error(`entry: ${res.status} ${JSON.stringify(res.body)}`);
  return groupEntrySchema.parse(res.body).items;
}

async function image(env: AuthEnv, groupId: number, token: string) {
  const res = await fetch(`${env.server.baseUrl}/api/groups/${groupId}/code`, { headers: bearer(token) });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    cache: res.headers.get('cache-control'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

describe('group entry', () => {
  let env: AuthEnv;
  let desk: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv();
    desk = await staff(env, 'desk');
  });
  afterAll(() => env.close());

  describe('groups (staff)', () => {
    it('creates, lists and edits groups, each change audited once and a repeated edit not at all', async () => {
      const group = await createGroup(env, desk.token, {
        name: '委员交流群',
        minLevel: 'committee',
        note: '仅委员',
      });
      expect(group).toMatchObject({
        minLevel: 'committee',
        note: '仅委员',
        archived: false,
        code: null,
        revealedCount: 0,
      });
      const edited = await patch(env, desk.token, group.id, { minLevel: 'vice_president', note: null });
      expect(edited.status).toBe(200);
      expect(groupSchema.parse(edited.body)).toMatchObject({ minLevel: 'vice_president', note: null });
      expect((await patch(env, desk.token, group.id, { minLevel: 'vice_president' })).status).toBe(200);
      const list = groupListSchema.parse((await getJson(env, '/api/groups', desk.token)).body);
      expect(list.items.find((g) => g.id === group.id)?.minLevel).toBe('vice_president');
      const updates = (await auditRows(env, 'group.updated')).filter((r) => r.target === `group:${group.id}`);
      expect(updates.map((r) => r.detail)).toEqual(['级别：委员单位 → 副会长单位；修改备注']);
      expect((await auditRows(env, 'group.created')).some((r) => r.target === `group:${group.id}`)).toBe(
        true,
      );
    });

    it('refuses a second group of one name, an unknown level, and an unknown group', async () => {
      const group = await createGroup(env, desk.token, { name: '重名测试群' });
      const again = await postJson(
        env,
        '/api/groups',
        { name: '重名测试群', minLevel: 'member' },
        bearer(desk.token),
      );
      expect([again.status, codeOf(again.body)]).toEqual([409, 'GROUP_NAME_TAKEN']);
      const other = await createGroup(env, desk.token);
      const rename = await patch(env, desk.token, other.id, { name: '重名测试群' });
      expect([rename.status, codeOf(rename.body)]).toEqual([409, 'GROUP_NAME_TAKEN']);
      const level = await postJson(
        env,
        '/api/groups',
        { name: '级别测试群', minLevel: 'gold' },
        bearer(desk.token),
      );
      expect([level.status, codeOf(level.body)]).toEqual([400, 'VALIDATION_FAILED']);
      const empty = await patch(env, desk.token, group.id, {});
      expect([empty.status, codeOf(empty.body)]).toEqual([400, 'VALIDATION_FAILED']);
      const missing = await patch(env, desk.token, 999_999, { note: '无' });
      expect([missing.status, codeOf(missing.body)]).toEqual([404, 'NOT_FOUND']);
    });
  });

  describe('the code (staff upload)', () => {
    it('stores a PNG with the default 7 days, then a JPEG with its expiry, the old bytes deleted and unreachable', async () => {
      const group = await createGroup(env, desk.token);
      const before = Date.now();
      const first = await uploadCode(env, desk.token, group.id);
      const expires = Date.parse(first.code?.expiresAt ?? '');
      expect(expires - before).toBeGreaterThanOrEqual(7 * 24 * 3600_000 - 1000);
      expect(expires - Date.now()).toBeLessThanOrEqual(7 * 24 * 3600_000);
      const disk = filesOnDisk(env).length;
      const at = hoursFromNow(48);
      const second = await uploadCode(env, desk.token, group.id, at, JPEG);
      expect(second.code).toMatchObject({ expiresAt: at, expired: false });
      expect(filesOnDisk(env)).toHaveLength(disk);
      const served = await image(env, group.id, desk.token);
      expect([served.status, served.type, served.cache]).toEqual([200, 'image/jpeg', 'no-store']);
      expect(served.bytes.equals(JPEG)).toBe(true);
      const rows = await codeRows(env).find({ where: { groupId: group.id }, order: { id: 'ASC' } });
      expect(rows.map((row) => [row.storageKey !== null, row.replacedAt !== null])).toEqual([
        [false, true],
        [true, false],
      ]);
      const audited = (await auditRows(env, 'group.code_uploaded')).filter(
        (r) => r.target === `group:${group.id}`,
      );
      expect(audited).toHaveLength(2);
    });

    it.each([
      [
        'a text file named .png',
        codeForm(Buffer.from('not an image at all, just text')),
        415,
        'GROUP_CODE_NOT_IMAGE',
      ],
      ['a PDF', codeForm(Buffer.from('%PDF-1.4\n%%EOF\n')), 415, 'GROUP_CODE_NOT_IMAGE'],
      [
        'an image over 2 MB',
        codeForm(Buffer.concat([PNG, Buffer.alloc(GROUP_CODE_MAX_BYTES)])),
        413,
        'GROUP_CODE_TOO_LARGE',
      ],
      ['an empty file', codeForm(Buffer.alloc(0)), 400, 'FILE_EMPTY'],
      ['an expiry in the past', codeForm(PNG, hoursFromNow(-1)), 400, 'GROUP_CODE_EXPIRY_OUT_OF_RANGE'],
      ['an expiry 8 days ahead', codeForm(PNG, hoursFromNow(8 * 24)), 400, 'GROUP_CODE_EXPIRY_OUT_OF_RANGE'],
      ['an expiry that is no date', codeForm(PNG, '下周三'), 400, 'BAD_REQUEST'],
    ])(
      'refuses %s and keeps nothing: the previous code stays, no row, no bytes',
      async (_what, form, status, code) => {
        const group = await createGroup(env, desk.token);
        const kept = await uploadCode(env, desk.token, group.id);
        const before = { rows: await codeRows(env).count(), disk: filesOnDisk(env).length };
        const res = await putCode(env, desk.token, group.id, form);
        expect([res.status, codeOf(res.body)]).toEqual([status, code]);
        expect({ rows: await codeRows(env).count(), disk: filesOnDisk(env).length }).toEqual(before);
        const list = groupListSchema.parse((await getJson(env, '/api/groups', desk.token)).body);
        expect(list.items.find((g) => g.id === group.id)?.code).toEqual(kept.code);
      },
    );

    it('refuses a request without the file field (400), and a code for a group that does not exist (404)', async () => {
      const group = await createGroup(env, desk.token);
      const form = new FormData();
      form.append('expiresAt', hoursFromNow(24));
      const none = await putCode(env, desk.token, group.id, form);
      expect([none.status, codeOf(none.body)]).toEqual([400, 'FILE_MISSING']);
      const missing = await putCode(env, desk.token, 999_999, codeForm(PNG));
      expect([missing.status, codeOf(missing.body)]).toEqual([404, 'NOT_FOUND']);
    });
  });

  describe('the way in (members)', () => {
    it('tells a signed-in person who is no unit’s contact, staff too, that the groups are for members (403)', async () => {
      for (const { token } of [await person(env, 'o_group_visitor'), await staff(env, 'not_a_contact')]) {
        const res = await getJson(env, '/api/groups/entry', token);
        expect([res.status, codeOf(res.body)]).toEqual([403, 'GROUP_MEMBERS_ONLY']);
      }
      expect((await getJson(env, '/api/groups/entry', (await member(env)).token)).status).toBe(200);
    });

    it('offers the groups at or below the unit’s level, the code with the nickname, and records the reveal', async () => {
      const open = await createGroup(env, desk.token, { minLevel: 'committee' });
      const higher = await createGroup(env, desk.token, { minLevel: 'vice_president' });
      const archived = await createGroup(env, desk.token, { minLevel: 'member' });
      await patch(env, desk.token, archived.id, { archived: true });
      const uploaded = await uploadCode(env, desk.token, open.id);
      await uploadCode(env, desk.token, higher.id);
      await uploadCode(env, desk.token, archived.id);
      const committee = await member(env, 'committee');
      const items = await entry(env, committee.token);
      const mine = items.find((item) => item.groupId === open.id);
      expect(mine).toEqual({
        groupId: open.id,
        name: open.name,
        status: 'code',
        nickname: NICKNAME,
        expiresAt: uploaded.code?.expiresAt,
      });
      expect(items.map((item) => item.groupId)).not.toContain(higher.id);
      expect(items.map((item) => item.groupId)).not.toContain(archived.id);

      const shown = await image(env, open.id, committee.token);
      expect([shown.status, shown.type, shown.cache]).toEqual([200, 'image/png', 'no-store']);
      expect(shown.bytes.equals(PNG)).toBe(true);
      // Below the group's level, or an archived group: as if it did not exist.
      expect((await image(env, higher.id, committee.token)).status).toBe(404);
      expect((await image(env, archived.id, committee.token)).status).toBe(404);
      expect((await image(env, 999_999, committee.token)).status).toBe(404);
      const lower = await member(env, 'member');
      expect((await image(env, open.id, lower.token)).status).toBe(404);
      expect((await entry(env, lower.token)).map((item) => item.groupId)).not.toContain(open.id);

      const reveal = await revealRows(env).findOneByOrFail({ groupId: open.id, userId: committee.id });
      expect(reveal).toMatchObject({
        nickname: NICKNAME,
        unitName: '北京示例信息技术有限公司',
        leftAt: null,
      });
      expect(reveal.firstShownAt).not.toBeNull();
      const list = groupListSchema.parse((await getJson(env, '/api/groups', desk.token)).body);
      expect(list.items.find((g) => g.id === open.id)?.revealedCount).toBe(1);
    });

    it('audits a reveal once per person and upload, however often the page and the image are opened', async () => {
      const group = await createGroup(env, desk.token);
      await uploadCode(env, desk.token, group.id);
      const someone = await member(env);
      const revealed = async () =>
        (await auditRows(env, 'group.code_revealed')).filter(
          (row) => row.target === `group:${group.id}` && row.actorId === someone.id,
        ).length;
      await entry(env, someone.token);
      await entry(env, someone.token);
      await image(env, group.id, someone.token);
      expect(await revealed()).toBe(1);
      await Promise.all([
        entry(env, someone.token),
        entry(env, someone.token),
        image(env, group.id, someone.token),
      ]);
      expect(await revealed()).toBe(1);
      await uploadCode(env, desk.token, group.id);
      await Promise.all([
        entry(env, someone.token),
        entry(env, someone.token),
        image(env, group.id, someone.token),
      ]);
      expect(await revealed()).toBe(2);
      expect(await revealRows(env).countBy({ groupId: group.id, userId: someone.id })).toBe(1);
    });

    it('when no code is current: staff will add the person, one to-do however often or at once they ask', async () => {
      const group = await createGroup(env, desk.token);
      await uploadCode(env, desk.token, group.id);
      // Staff let the code run out.
      await codeRows(env).update({ groupId: group.id }, { expiresAt: new Date(Date.now() - 60_000) });
      const someone = await member(env, 'member', { phone: '13812345678' });
      const answers = await Promise.all([1, 2, 3, 4, 5, 6].map(() => entry(env, someone.token)));
      for (const items of answers) {
        expect(items.find((item) => item.groupId === group.id)).toEqual({
          groupId: group.id,
          name: group.name,
          status: 'staff_will_add',
          nickname: NICKNAME,
        });
      }
      await entry(env, someone.token);
      expect(await todoRows(env).countBy({ groupId: group.id, userId: someone.id })).toBe(1);
      expect((await image(env, group.id, someone.token)).status).toBe(404);
      // Staff still see the (expired) image they uploaded.
      expect((await image(env, group.id, desk.token)).status).toBe(200);

      const todos = groupTodoListSchema.parse(
        (await getJson(env, '/api/groups/todos?done=false', desk.token)).body,
      );
      const todo = todos.items.find((item) => item.kind === 'add_member' && item.group.id === group.id);
      expect(todo).toMatchObject({
        person: {
          name: '李四',
          unitName: '北京示例信息技术有限公司',
          nickname: NICKNAME,
          phoneMasked: '138****5678',
        },
        doneAt: null,
        doneBy: null,
      });
      expect(JSON.stringify(todos)).not.toContain('13812345678');
      expect(todos.open).toBeGreaterThanOrEqual(1);
    });
  });

  describe('to-dos (staff)', () => {
    it('ticks a to-do off with who and when, once (409 the second time), audited once', async () => {
      const group = await createGroup(env, desk.token);
      const someone = await member(env);
      await entry(env, someone.token);
      const todo = await todoOf(env, someone.id, group.id);
      const done = await postJson(env, `/api/groups/todos/${todo.id}/done`, {}, bearer(desk.token));
      expect(done.status).toBe(200);
      expect(groupTodoSchema.parse(done.body)).toMatchObject({ id: todo.id, doneBy: '测试用户' });
      expect(groupTodoSchema.parse(done.body).doneAt).not.toBeNull();
      const again = await postJson(env, `/api/groups/todos/${todo.id}/done`, {}, bearer(desk.token));
      expect([again.status, codeOf(again.body)]).toEqual([409, 'GROUP_TASK_ALREADY_DONE']);
      const missing = await postJson(env, '/api/groups/todos/999999/done', {}, bearer(desk.token));
      expect(missing.status).toBe(404);
      expect(
        (await auditRows(env, 'group.todo_done')).filter((r) => r.target === `group:${group.id}`),
      ).toHaveLength(1);

      // Added by staff: no new to-do when the person asks again, and they are in the group's list.
      await entry(env, someone.token);
      expect(await todoRows(env).countBy({ groupId: group.id, userId: someone.id })).toBe(1);
      const reveal = await revealRows(env).findOneByOrFail({ groupId: group.id, userId: someone.id });
      expect(reveal.addedByStaffAt).not.toBeNull();
      const doneList = groupTodoListSchema.parse(
        (await getJson(env, '/api/groups/todos?done=true', desk.token)).body,
      );
      expect(doneList.items.every((item) => item.doneAt !== null)).toBe(true);
      expect(doneList.items.map((item) => item.id)).toContain(todo.id);
    });

    it('shows a code about to expire as a to-do at once; a fresh upload closes it and leaves add_member to-dos open', async () => {
      const group = await createGroup(env, desk.token);
      const someone = await member(env);
      await entry(env, someone.token);
      await uploadCode(env, desk.token, group.id, hoursFromNow(3));
      const list = groupTodoListSchema.parse(
        (await getJson(env, '/api/groups/todos?done=false', desk.token)).body,
      );
      const kinds = list.items.filter((item) => item.group.id === group.id).map((item) => item.kind);
      expect(kinds.sort()).toEqual(['add_member', 'code_expiring']);
      const warning = list.items.find((item) => item.group.id === group.id && item.kind === 'code_expiring');
      expect(warning?.person).toBeNull();
      await uploadCode(env, desk.token, group.id);
      const after = groupTodoListSchema.parse((await getJson(env, '/api/groups/todos', desk.token)).body);
      const closed = after.items.find((item) => item.id === warning?.id);
      expect(closed?.doneAt).not.toBeNull();
      expect(closed?.doneBy).toBe('测试用户');
      const add = after.items.find((item) => item.group.id === group.id && item.kind === 'add_member');
      expect(add?.doneAt).toBeNull();
      // The warning is not repeated for the code it was about.
      const again = groupTodoListSchema.parse((await getJson(env, '/api/groups/todos', desk.token)).body);
      expect(
        again.items.filter((item) => item.group.id === group.id && item.kind === 'code_expiring'),
      ).toHaveLength(1);
    });
  });

  describe('待移出群聊', () => {
    it('lists who was let in when their unit is suspended; they lose the way in; ticked off once, audited', async () => {
      const withCode = await createGroup(env, desk.token);
      const without = await createGroup(env, desk.token);
      await uploadCode(env, desk.token, withCode.id);
      const leaving = await member(env);
      const staying = await member(env);
      await entry(env, leaving.token);
      await entry(env, staying.token);
      expect(await todoRows(env).countBy({ groupId: without.id, userId: leaving.id, doneAt: IsNull() })).toBe(
        1,
      );

      await changeUnitStatus(env, leaving.unitId, 'suspended', [leaving.id], 'unit_suspended');
      const entryAfter = await getJson(env, '/api/groups/entry', leaving.token);
      expect([entryAfter.status, codeOf(entryAfter.body)]).toEqual([403, 'GROUP_UNIT_NOT_ACTIVE']);
      expect((await image(env, withCode.id, leaving.token)).status).toBe(404);
      // Their open add_member to-do is dropped: no one should add them any more.
      expect(await todoRows(env).countBy({ userId: leaving.id })).toBe(0);

      const list = groupRemovalListSchema.parse(
        (await getJson(env, '/api/groups/removals?done=false', desk.token)).body,
      );
      const theirs = list.items.filter(
        (item) => item.name === '李四' && item.unitName === '北京示例信息技术有限公司',
      );
      const rows = await removalRows(env).findBy({
        userId: leaving.id,
        groupId: In([withCode.id, without.id]),
      });
      expect(rows.map((row) => [row.groupId, row.reason])).toEqual([[withCode.id, 'unit_suspended']]);
      expect(theirs.map((item) => item.id)).toContain(rows[0]?.id);
      expect(await removalRows(env).countBy({ userId: staying.id })).toBe(0);

      // Removed after suspension: the same people are not listed twice.
      await changeUnitStatus(env, leaving.unitId, 'removed', [leaving.id], 'unit_removed');
      expect(await removalRows(env).countBy({ userId: leaving.id, groupId: withCode.id })).toBe(1);

      const id = rows[0]?.id ?? 0;
      const done = await postJson(env, `/api/groups/removals/${id}/done`, {}, bearer(desk.token));
      expect(done.status).toBe(200);
      expect(groupRemovalSchema.parse(done.body)).toMatchObject({
        id,
        nickname: NICKNAME,
        reason: 'unit_suspended',
        doneBy: '测试用户',
      });
      const again = await postJson(env, `/api/groups/removals/${id}/done`, {}, bearer(desk.token));
      expect([again.status, codeOf(again.body)]).toEqual([409, 'GROUP_TASK_ALREADY_DONE']);
      expect(
        (await auditRows(env, 'group.removal_done')).filter((r) => r.target === `group:${withCode.id}`),
      ).toHaveLength(1);
      const doneList = groupRemovalListSchema.parse(
        (await getJson(env, '/api/groups/removals?done=true', desk.token)).body,
      );
      expect(doneList.items.map((item) => item.id)).toContain(id);
    });

    it('writes nothing when the status change that announced the departure is rolled back', async () => {
      const group = await createGroup(env, desk.token);
      await uploadCode(env, desk.token, group.id);
      const someone = await member(env);
      await entry(env, someone.token);
      await expect(
        changeUnitStatus(env, someone.unitId, 'suspended', [someone.id], 'unit_suspended', true),
      ).rejects.toThrow('status change failed');
      expect(await removalRows(env).countBy({ userId: someone.id })).toBe(0);
      expect(
        (await revealRows(env).findOneByOrFail({ groupId: group.id, userId: someone.id })).leftAt,
      ).toBeNull();
      expect((await entry(env, someone.token)).find((item) => item.groupId === group.id)?.status).toBe(
        'code',
      );
    });

    it('lists a person staff added by hand, not someone never let in', async () => {
      const group = await createGroup(env, desk.token);
      const added = await member(env);
      const neverIn = await member(env);
      await entry(env, added.token);
      await entry(env, neverIn.token);
      const todo = await todoOf(env, added.id, group.id);
      expect((await postJson(env, `/api/groups/todos/${todo.id}/done`, {}, bearer(desk.token))).status).toBe(
        200,
      );
      await changeUnitStatus(env, added.unitId, 'suspended', [added.id], 'unit_suspended');
      await changeUnitStatus(env, neverIn.unitId, 'removed', [neverIn.id], 'unit_removed');
      expect((await removalRows(env).findBy({ groupId: group.id })).map((row) => row.userId)).toEqual([
        added.id,
      ]);
    });
  });
});
