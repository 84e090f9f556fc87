import { groupListSchema, groupSchema } from '@itss/shared';
import type { AuthEnv } from '../support/auth-env';
import { type Call, type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import { multipartFile } from '../support/joining';
import {
  PNG,
  changeUnitStatus,
  codeRows,
  createGroup,
  filesOnDisk,
  getJson,
  member,
  removalRows,
  staff,
  todoOf,
  todoRows,
  uploadCode,
} from './support';

const done = (path: string, token: string): Call => ({ method: 'POST', path, token, body: {} });

async function auditedFor(env: AuthEnv, action: string, groupId: number): Promise<number> {
  return (await auditRows(env, action)).filter((row) => row.target === `group:${groupId}`).length;
}

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/groups',
    title:
      'five creations of one name at once (a double tap): one group, four 409 GROUP_NAME_TAKEN, one audit row',
    async run(env) {
      const { token } = await staff(env);
      const call: Call = {
        method: 'POST',
        path: '/api/groups',
        token,
        body: { name: '会员交流一群', minLevel: 'member' },
      };
      expect(tally(await atOnce(env, times(5, call)))).toEqual({ '201': 1, '409 GROUP_NAME_TAKEN': 4 });
      const list = groupListSchema.parse((await getJson(env, '/api/groups', token)).body).items;
      expect(list.map((group) => group.name)).toEqual(['会员交流一群']);
      expect(await auditRows(env, 'group.created')).toHaveLength(1);
    },
  },
  {
    route: 'PATCH /api/groups/:id',
    title: 'the same edit five times at once: all 200, the change made and audited once',
    async run(env) {
      const { token } = await staff(env);
      const group = await createGroup(env, token);
      const call: Call = {
        method: 'PATCH',
        path: `/api/groups/${group.id}`,
        token,
        body: { minLevel: 'committee' },
      };
      const answers = await atOnce(env, times(5, call));
      expect(tally(answers)).toEqual({ '200': 5 });
      expect(answers.every(({ body }) => groupSchema.parse(body).minLevel === 'committee')).toBe(true);
      expect(await auditedFor(env, 'group.updated', group.id)).toBe(1);
    },
  },
  {
    route: 'PUT /api/groups/:id/code',
    title: 'three uploads at once: all 200, one current code, only its bytes kept, each upload audited',
    async run(env) {
      const { token } = await staff(env);
      const group = await createGroup(env, token);
      const call: Call = {
        method: 'PUT',
        path: `/api/groups/${group.id}/code`,
        token,
        raw: multipartFile(PNG, '群二维码.png'),
      };
      expect(tally(await atOnce(env, times(3, call)))).toEqual({ '200': 3 });
      const rows = await codeRows(env).findBy({ groupId: group.id });
      expect(rows).toHaveLength(3);
      expect(rows.filter((row) => row.storageKey !== null && row.replacedAt === null)).toHaveLength(1);
      expect(filesOnDisk(env)).toHaveLength(1);
      expect(await auditedFor(env, 'group.code_uploaded', group.id)).toBe(3);
    },
  },
  {
    route: 'POST /api/groups/:id/code',
    title:
      'three uploads at once from the mini-program (POST): all 200, one current code, only its bytes kept, each upload audited',
    async run(env) {
      const { token } = await staff(env);
      const group = await createGroup(env, token);
      const call: Call = {
        method: 'POST',
        path: `/api/groups/${group.id}/code`,
        token,
        raw: multipartFile(PNG, '群二维码.png'),
      };
      expect(tally(await atOnce(env, times(3, call)))).toEqual({ '200': 3 });
      const rows = await codeRows(env).findBy({ groupId: group.id });
      expect(rows).toHaveLength(3);
      expect(rows.filter((row) => row.storageKey !== null && row.replacedAt === null)).toHaveLength(1);
      expect(filesOnDisk(env)).toHaveLength(1);
      expect(await auditedFor(env, 'group.code_uploaded', group.id)).toBe(3);
    },
  },
  {
    route: 'POST /api/groups/todos/:id/done',
    title: 'two staff tick one to-do off at once: one 200, one 409 GROUP_TASK_ALREADY_DONE, audited once',
    async run(env) {
      const [a, b] = [await staff(env, 'a'), await staff(env, 'b')];
      const group = await createGroup(env, a.token);
      const someone = await member(env);
      await getJson(env, '/api/groups/entry', someone.token);
      const todo = await todoOf(env, someone.id, group.id);
      const path = `/api/groups/todos/${todo.id}/done`;
      const answers = await atOnce(env, [done(path, a.token), done(path, b.token), done(path, a.token)]);
      expect(tally(answers)).toEqual({ '200': 1, '409 GROUP_TASK_ALREADY_DONE': 2 });
      const row = await todoRows(env).findOneByOrFail({ id: todo.id });
      expect([row.openKey, row.doneAt !== null]).toEqual([null, true]);
      expect(await auditedFor(env, 'group.todo_done', group.id)).toBe(1);
    },
  },
  {
    route: 'POST /api/groups/removals/:id/done',
    title: 'two staff tick one removal off at once: one 200, one 409 GROUP_TASK_ALREADY_DONE, audited once',
    async run(env) {
      const [a, b] = [await staff(env, 'a'), await staff(env, 'b')];
      const group = await createGroup(env, a.token);
      await uploadCode(env, a.token, group.id);
      const someone = await member(env);
      await getJson(env, '/api/groups/entry', someone.token);
      await changeUnitStatus(env, someone.unitId, 'removed', [someone.id], 'unit_removed');
      const removal = await removalRows(env).findOneByOrFail({ groupId: group.id, userId: someone.id });
      const path = `/api/groups/removals/${removal.id}/done`;
      const answers = await atOnce(env, [done(path, a.token), done(path, b.token), done(path, b.token)]);
      expect(tally(answers)).toEqual({ '200': 1, '409 GROUP_TASK_ALREADY_DONE': 2 });
      expect(await auditedFor(env, 'group.removal_done', group.id)).toBe(1);
    },
  },
];
