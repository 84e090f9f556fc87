import { unitImportPreviewSchema, unitSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { type Departure, UnitDepartures } from '../../src/modules/units/departures';
import { UnitStatusChangeEntity } from '../../src/modules/units/unit-status-change.entity';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import type { AuthEnv } from '../support/auth-env';
import { type Call, type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import { multipartFile, person, submitApplication, decided } from '../support/joining';
import { recordUnit, sheetRow, unitBody, uploadSheet, workbookOf } from './sheets';

const ds = (env: AuthEnv) => env.server.app.get(DataSource);

const statusChange = (token: string, id: number, status: string, reason: string): Call => ({
  method: 'PATCH',
  path: `/api/units/${id}/status`,
  token,
  body: { status, reason },
});

async function historyOf(env: AuthEnv, unitId: number): Promise<string[]> {
  const rows = await ds(env)
    .getRepository(UnitStatusChangeEntity)
    .find({ where: { unitId }, order: { id: 'ASC' } });
  return rows.map((row) => row.status);
}

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/units',
    title: 'six staff recording one credit code at once: one 201, five 409 UNIT_CREDIT_CODE_TAKEN, one unit',
    async run(env) {
      const staff = await person(env, 'o_units_recorder', ['staff']);
      for (let round = 1; round <= 3; round++) {
        const body = unitBody();
        const answers = await atOnce(
          env,
          times(6, { method: 'POST', path: '/api/units', token: staff.token, body }),
        );
        expect(tally(answers)).toEqual({ '201': 1, '409 UNIT_CREDIT_CODE_TAKEN': 5 });
        expect(await ds(env).getRepository(UnitEntity).countBy({ creditCode: body.creditCode })).toBe(1);
        expect(await auditRows(env, 'unit.created')).toHaveLength(round);
      }
    },
  },
  {
    route: 'PATCH /api/units/:id/status',
    title:
      'six suspensions of one unit at once: all 200, suspended once in the history, the audit log and the departures',
    async run(env) {
      const staff = await person(env, 'o_units_suspender', ['staff']);
      const departures: Departure[] = [];
      env.server.app.get(UnitDepartures).listen((departure) => {
        departures.push(departure);
        return Promise.resolve();
      });
      for (let round = 1; round <= 3; round++) {
        const applicant = await person(env, `o_units_suspended_${round}`);
        const application = await submitApplication(env, applicant.token);
        const unitId = (await decided(env, staff.token, application.id, 'approve')).unit?.id ?? 0;
        const answers = await atOnce(
          env,
          times(6, statusChange(staff.token, unitId, 'suspended', '逾期未缴纳会费')),
        );
        expect(tally(answers)).toEqual({ '200': 6 });
        expect(answers.map((answer) => unitSchema.parse(answer.body).status)).toEqual(
          Array(6).fill('suspended'),
        );
        expect(await historyOf(env, unitId)).toEqual(['active', 'suspended']);
        expect(await auditRows(env, 'unit.status_changed')).toHaveLength(round);
        expect(departures.filter((d) => d.unitId === unitId)).toEqual([
          { unitId, userIds: [applicant.id], reason: 'unit_suspended' },
        ]);
      }
    },
  },
  {
    route: 'PATCH /api/units/:id/status',
    title:
      'a restoration racing a removal: the unit ends removed, the restoration either ran first or is refused 409',
    async run(env) {
      const staff = await person(env, 'o_units_racer', ['staff']);
      for (let round = 0; round < 4; round++) {
        const unit = await recordUnit(env, staff.token);
        await atOnce(env, [statusChange(staff.token, unit.id, 'suspended', '逾期未缴纳会费')]);
        const answers = await atOnce(env, [
          statusChange(staff.token, unit.id, 'active', '已补缴会费'),
          statusChange(staff.token, unit.id, 'removed', '严重违反章程'),
        ]);
        const history = await historyOf(env, unit.id);
        if (answers[0]?.status === 200) {
          expect(tally(answers)).toEqual({ '200': 2 });
          expect(history).toEqual(['active', 'suspended', 'active', 'removed']);
        } else {
          expect(tally(answers)).toEqual({ '200': 1, '409 UNIT_WRONG_STATUS': 1 });
          expect(history).toEqual(['active', 'suspended', 'removed']);
        }
        expect((await ds(env).getRepository(UnitEntity).findOneByOrFail({ id: unit.id })).status).toBe(
          'removed',
        );
      }
    },
  },
  {
    route: 'POST /api/units/import',
    title: 'four previews of one file at once: all 200, each its own import id, nothing written',
    async run(env) {
      const staff = await person(env, 'o_units_previewer', ['staff']);
      const file = multipartFile(await workbookOf([sheetRow(), sheetRow()]), '会员单位.xlsx');
      const answers = await atOnce(
        env,
        times(4, { method: 'POST', path: '/api/units/import', token: staff.token, raw: file }),
      );
      expect(tally(answers)).toEqual({ '200': 4 });
      const ids = answers.map((answer) => unitImportPreviewSchema.parse(answer.body).importId);
      expect(new Set(ids).size).toBe(4);
      expect(await ds(env).getRepository(UnitEntity).count()).toBe(0);
    },
  },
  {
    route: 'POST /api/units/import/:importId/confirm',
    title:
      'two confirmations of one preview at once: one 200, one 410 UNIT_IMPORT_EXPIRED, its units written once',
    async run(env) {
      const staff = await person(env, 'o_units_confirmer', ['staff']);
      for (let round = 1; round <= 3; round++) {
        const res = await uploadSheet(
          env,
          staff.token,
          await workbookOf([sheetRow(), sheetRow(), sheetRow()]),
        );
        const { importId } = unitImportPreviewSchema.parse(res.body);
        const answers = await atOnce(
          env,
          times(2, { method: 'POST', path: `/api/units/import/${importId}/confirm`, token: staff.token }),
        );
        expect(tally(answers)).toEqual({ '200': 1, '410 UNIT_IMPORT_EXPIRED': 1 });
        expect(await ds(env).getRepository(UnitEntity).count()).toBe(3 * round);
        expect(await auditRows(env, 'unit.imported')).toHaveLength(round);
      }
    },
  },
  {
    route: 'POST /api/units/import/:importId/confirm',
    title:
      'two previews sharing a credit code confirmed at once: one writes, the other writes nothing (409 UNIT_IMPORT_STALE)',
    async run(env) {
      const staff = await person(env, 'o_units_overlapping', ['staff']);
      for (let round = 1; round <= 3; round++) {
        const shared = sheetRow({ name: '两份表格都有的公司' });
        const ids: string[] = [];
        for (const own of [sheetRow(), sheetRow()]) {
          const res = await uploadSheet(env, staff.token, await workbookOf([own, shared]));
          ids.push(unitImportPreviewSchema.parse(res.body).importId);
        }
        const answers = await atOnce(
          env,
          ids.map((id): Call => ({
            method: 'POST',
            path: `/api/units/import/${id}/confirm`,
            token: staff.token,
          })),
        );
        expect(tally(answers)).toEqual({ '200': 1, '409 UNIT_IMPORT_STALE': 1 });
        expect(await ds(env).getRepository(UnitEntity).count()).toBe(2 * round);
      }
    },
  },
];
