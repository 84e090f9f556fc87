import { applicationSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import {
  ApplicationDraftEntity,
  ApplicationEntity,
  ApplicationHistoryEntity,
} from '../../src/modules/applications/application.entity';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { BillEntity } from '../../src/modules/dues/bill.entity';
import { UnitContactEntity } from '../../src/modules/units/unit-contact.entity';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import type { AuthEnv } from '../support/auth-env';
import { type Call, type ConcurrencyCase, atOnce, tally, times } from '../support/concurrency';
import {
  applicationBody,
  applicationIn,
  idempotencyKey,
  person,
  uploadLicence,
  validCreditCode,
} from '../support/joining';

const ds = (env: AuthEnv) => env.server.app.get(DataSource);

async function historyOf(env: AuthEnv, id: number): Promise<string[]> {
  const rows = await ds(env)
    .getRepository(ApplicationHistoryEntity)
    .find({ where: { applicationId: id }, order: { id: 'ASC' } });
  return rows.map((row) => row.state);
}

async function auditOf(env: AuthEnv, id: number): Promise<string[]> {
  const rows = await ds(env)
    .getRepository(AuditEntity)
    .find({ where: { target: `application:${id}` }, order: { id: 'ASC' } });
  return rows.map((row) => row.action);
}

const submit = (token: string, body: unknown, key: string): Call => ({
  method: 'POST',
  path: '/api/applications',
  token,
  body,
  headers: { 'idempotency-key': key },
});
const decision = (token: string, id: number, body: object): Call => ({
  method: 'POST',
  path: `/api/applications/${id}/decisions`,
  token,
  body,
});

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'PUT /api/applications/draft',
    title: "six first saves of a person's draft at once: all 200, one draft row holding one of them",
    async run(env) {
      const { token } = await person(env, 'o_drafter');
      const calls = [1, 2, 3, 4, 5, 6].map((i): Call => ({
        method: 'PUT',
        path: '/api/applications/draft',
        token,
        body: { unitName: `草稿 ${i}` },
      }));
      expect(tally(await atOnce(env, calls))).toEqual({ '200': 6 });
      const rows = await ds(env).getRepository(ApplicationDraftEntity).find();
      expect(rows).toHaveLength(1);
      const saved = JSON.parse(rows[0]?.data ?? '{}') as { unitName?: string };
      expect(saved.unitName).toMatch(/^草稿 [1-6]$/);
    },
  },
  {
    route: 'POST /api/applications',
    title: 'the same Idempotency-Key eight times at once: one application, every answer the same one',
    async run(env) {
      for (let round = 1; round <= 3; round++) {
        const { token } = await person(env, `o_booth_${round}`);
        const body = applicationBody(await uploadLicence(env, token));
        const answers = await atOnce(env, times(8, submit(token, body, idempotencyKey())));
        expect(tally(answers)).toEqual({ '201': 8 });
        const ids = new Set(answers.map((a) => applicationSchema.parse(a.body).id));
        expect(ids.size).toBe(1);
        const [id] = [...ids];
        expect(await ds(env).getRepository(ApplicationEntity).count()).toBe(round);
        expect(await historyOf(env, id ?? 0)).toEqual(['submitted']);
        expect(await auditOf(env, id ?? 0)).toEqual(['application.submitted']);
      }
    },
  },
  {
    route: 'POST /api/applications',
    title: 'six people submitting one credit code at once: one 201, five 409 APPLICATION_EXISTS',
    async run(env) {
      const creditCode = validCreditCode();
      const calls: Call[] = [];
      for (let i = 0; i < 6; i++) {
        const { token } = await person(env, `o_colleague_${i}`);
        calls.push(
          submit(token, applicationBody(await uploadLicence(env, token), { creditCode }), idempotencyKey()),
        );
      }
      expect(tally(await atOnce(env, calls))).toEqual({ '201': 1, '409 APPLICATION_EXISTS': 5 });
      expect(await ds(env).getRepository(ApplicationEntity).countBy({ creditCode })).toBe(1);
    },
  },
  {
    route: 'PUT /api/applications/:id',
    title: 'six edits of one application at once: all 200, it holds one of them whole, still needs_info',
    async run(env) {
      const { token } = await person(env, 'o_editor');
      const application = await applicationIn(env, token, 'needs_info');
      const licence = await uploadLicence(env, token);
      const calls = [1, 2, 3, 4, 5, 6].map((i): Call => ({
        method: 'PUT',
        path: `/api/applications/${application.id}`,
        token,
        body: applicationBody(licence, {
          creditCode: application.creditCode,
          unitName: `改名后的单位 ${i} 号有限公司`,
          address: `北京市海淀区改过的地址 ${i} 号`,
        }),
      }));
      expect(tally(await atOnce(env, calls))).toEqual({ '200': 6 });
      const row = await ds(env).getRepository(ApplicationEntity).findOneByOrFail({ id: application.id });
      const n = /(\d) 号有限公司$/.exec(row.unitName)?.[1];
      expect(row.address).toBe(`北京市海淀区改过的地址 ${n} 号`);
      expect(row.state).toBe('needs_info');
    },
  },
  {
    route: 'POST /api/applications/:id/resubmit',
    title: 'six resubmissions at once: all 200, resubmitted once in the history and the audit log',
    async run(env) {
      const { token } = await person(env, 'o_resubmitter');
      const application = await applicationIn(env, token, 'needs_info');
      const call: Call = { method: 'POST', path: `/api/applications/${application.id}/resubmit`, token };
      expect(tally(await atOnce(env, times(6, call)))).toEqual({ '200': 6 });
      expect(await historyOf(env, application.id)).toEqual(['submitted', 'needs_info', 'resubmitted']);
      expect(
        (await auditOf(env, application.id)).filter((a) => a === 'application.resubmitted'),
      ).toHaveLength(1);
    },
  },
  {
    route: 'POST /api/applications/:id/withdraw',
    title: 'six withdrawals at once: all 200, withdrawn once in the history and the audit log',
    async run(env) {
      const { token } = await person(env, 'o_withdrawer');
      const application = await applicationIn(env, token, 'submitted');
      const call: Call = { method: 'POST', path: `/api/applications/${application.id}/withdraw`, token };
      expect(tally(await atOnce(env, times(6, call)))).toEqual({ '200': 6 });
      expect(await historyOf(env, application.id)).toEqual(['submitted', 'withdrawn']);
      expect(await auditOf(env, application.id)).toEqual(['application.submitted', 'application.withdrawn']);
    },
  },
  {
    route: 'POST /api/applications/:id/withdraw',
    title: 'a withdrawal racing an approval: exactly one wins, the other is refused 409',
    async run(env) {
      const reviewer = await person(env, 'o_racing_staff', ['staff']);
      for (let round = 0; round < 4; round++) {
        const { token } = await person(env, `o_racing_applicant_${round}`);
        const application = await applicationIn(env, token, 'submitted');
        const answers = await atOnce(env, [
          { method: 'POST', path: `/api/applications/${application.id}/withdraw`, token },
          decision(reviewer.token, application.id, { decision: 'approve' }),
        ]);
        expect(tally(answers)).toEqual({ '200': 1, '409 APPLICATION_WRONG_STATE': 1 });
        const history = await historyOf(env, application.id);
        expect([
          ['submitted', 'withdrawn'],
          ['submitted', 'approved'],
        ]).toContainEqual(history);
        const units = await ds(env).getRepository(UnitEntity).countBy({ creditCode: application.creditCode });
        expect(units).toBe(history.includes('approved') ? 1 : 0);
      }
    },
  },
  {
    route: 'POST /api/applications/:id/decisions',
    title:
      'two staff approving at once: one 200, one 409; one unit, contact, bill, history row and audit entry',
    async run(env) {
      const first = await person(env, 'o_staff_a', ['staff']);
      const second = await person(env, 'o_staff_b', ['staff']);
      for (let round = 1; round <= 4; round++) {
        const { token } = await person(env, `o_decided_${round}`);
        const application = await applicationIn(env, token, 'submitted');
        const answers = await atOnce(env, [
          decision(first.token, application.id, { decision: 'approve' }),
          decision(second.token, application.id, { decision: 'approve' }),
        ]);
        expect(tally(answers)).toEqual({ '200': 1, '409 APPLICATION_WRONG_STATE': 1 });
        expect(await historyOf(env, application.id)).toEqual(['submitted', 'approved']);
        expect(await auditOf(env, application.id)).toEqual(['application.submitted', 'application.approved']);
        expect(await ds(env).getRepository(UnitEntity).count()).toBe(round);
        expect(await ds(env).getRepository(UnitContactEntity).count()).toBe(round);
        expect(await ds(env).getRepository(BillEntity).count()).toBe(round);
      }
    },
  },
  {
    route: 'POST /api/applications/:id/decisions',
    title: 'approve racing reject: exactly one decision stands',
    async run(env) {
      const first = await person(env, 'o_staff_a', ['staff']);
      const second = await person(env, 'o_staff_b', ['staff']);
      for (let round = 0; round < 4; round++) {
        const { token } = await person(env, `o_contested_${round}`);
        const application = await applicationIn(env, token, 'submitted');
        const answers = await atOnce(env, [
          decision(first.token, application.id, { decision: 'approve' }),
          decision(second.token, application.id, { decision: 'reject', reason: '材料不符' }),
        ]);
        expect(tally(answers)).toEqual({ '200': 1, '409 APPLICATION_WRONG_STATE': 1 });
        const history = await historyOf(env, application.id);
        expect(history).toHaveLength(2);
        const row = await ds(env).getRepository(ApplicationEntity).findOneByOrFail({ id: application.id });
        expect(history[1]).toBe(row.state);
        expect(row.unitId === null).toBe(row.state === 'rejected');
      }
    },
  },
];
