import { levelRequestSchema } from '@itss/shared';
import { In } from 'typeorm';
import { LevelRequestEntity } from '../../src/modules/standing/level-request.entity';
import { UnitRemovalEntity } from '../../src/modules/standing/unit-removal.entity';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import type { AuthEnv } from '../support/auth-env';
import { type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import { person } from '../support/joining';
import { billRows, ds, member, removalBody, unitInArrears } from './standing-support';
import { dayFromToday } from '../dues/dues-support';
import { postJson, bearer } from '../support/auth-env';

const units = (env: AuthEnv) => ds(env).getRepository(UnitEntity);
const requests = (env: AuthEnv) => ds(env).getRepository(LevelRequestEntity);

async function openRequest(env: AuthEnv, token: string, unitId: number, toLevel: string): Promise<number> {
  const res = await postJson(
    env,
    `/api/units/${unitId}/level-requests`,
    { toLevel, reason: '申请调整级别' },
    bearer(token),
  );
  if (res.status !== 201) throw new Error(`level request: ${res.status} ${JSON.stringify(res.body)}`);
  return levelRequestSchema.parse(res.body).id;
}

let reference = 0;

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/units/:id/level-requests',
    title: 'six requests of one unit at once: one open request, five 409 already open, one audit entry',
    async run(env) {
      const owner = await member(env, 'member');
      const answers = await atOnce(
        env,
        times(6, {
          method: 'POST',
          path: `/api/units/${owner.unitId}/level-requests`,
          token: owner.token,
          body: { toLevel: 'committee', reason: '申请升级为委员单位' },
        }),
      );
      expect(tally(answers)).toEqual({ '201': 1, '409 STANDING_REQUEST_ALREADY_OPEN': 5 });
      expect(await requests(env).countBy({ unitId: owner.unitId })).toBe(1);
      expect(await auditRows(env, 'level_request.created')).toHaveLength(1);
    },
  },
  {
    route: 'POST /api/level-requests/:id/decisions',
    title:
      'two president requests approved at the same moment: one wins, the other is refused; one 会长单位; six approvals of one upgrade bill its difference once',
    async run(env) {
      const staff = await person(env, 'o_standing_race_staff', ['staff']);
      for (let round = 0; round < 3; round++) {
        const a = await member(env, 'vice_president');
        const b = await member(env, 'vice_president');
        const ra = await openRequest(env, a.token, a.unitId, 'president');
        const rb = await openRequest(env, b.token, b.unitId, 'president');
        const answers = await atOnce(env, [
          {
            method: 'POST',
            path: `/api/level-requests/${ra}/decisions`,
            token: staff.token,
            body: { decision: 'approve' },
          },
          {
            method: 'POST',
            path: `/api/level-requests/${rb}/decisions`,
            token: staff.token,
            body: { decision: 'approve' },
          },
        ]);
        expect(tally(answers)).toEqual({ '200': 1, '409 STANDING_REQUEST_NOT_OPEN': 1 });
        const presidents = await units(env).findBy({
          level: 'president',
          status: In(['active', 'suspended']),
        });
        expect(presidents).toHaveLength(1);
        const winner = presidents[0]!.id === a.unitId ? ra : rb;
        const states = (await requests(env).findBy({ toLevel: 'president' })).filter((row) =>
          [ra, rb].includes(row.id),
        );
        expect(states.map((row) => [row.id, row.state]).sort()).toEqual(
          [
            [ra, ra === winner ? 'approved' : 'rejected'],
            [rb, rb === winner ? 'approved' : 'rejected'],
          ].sort(),
        );
        // Make room for the next round's race: the seat's holder is removed for a breach.
        const removed = await postJson(
          env,
          `/api/units/${presidents[0]!.id}/removal`,
          removalBody('breach'),
          bearer(staff.token),
        );
        expect(removed.status).toBe(201);
      }

      const owner = await member(env, 'member');
      const id = await openRequest(env, owner.token, owner.unitId, 'committee');
      const six = await atOnce(
        env,
        times(6, {
          method: 'POST',
          path: `/api/level-requests/${id}/decisions`,
          token: staff.token,
          body: { decision: 'approve' },
        }),
      );
      expect(tally(six)).toEqual({ '200': 1, '409 STANDING_REQUEST_NOT_OPEN': 5 });
      expect(await billRows(env).countBy({ unitId: owner.unitId, kind: 'upgrade' })).toBe(1);
    },
  },
  {
    route: 'POST /api/level-requests/:id/withdraw',
    title: 'six withdrawals of one request at once: all 200, withdrawn once, one audit entry',
    async run(env) {
      const owner = await member(env, 'member');
      const id = await openRequest(env, owner.token, owner.unitId, 'committee');
      const answers = await atOnce(
        env,
        times(6, { method: 'POST', path: `/api/level-requests/${id}/withdraw`, token: owner.token }),
      );
      expect(tally(answers)).toEqual({ '200': 6 });
      expect(await requests(env).findOneByOrFail({ id })).toMatchObject({
        state: 'withdrawn',
        openUnitId: null,
      });
      expect(await auditRows(env, 'level_request.withdrawn')).toHaveLength(1);
    },
  },
  {
    route: 'POST /api/units/:id/removal',
    title:
      'a removal racing a payment that clears the proposal: removed with both years unpaid, or refused after the payment; six removals at once remove once',
    async run(env) {
      const staff = await person(env, 'o_standing_removal_staff', ['staff']);
      for (let round = 0; round < 4; round++) {
        const { owner, bills } = await unitInArrears(env);
        const answers = await atOnce(env, [
          {
            method: 'POST',
            path: `/api/units/${owner.unitId}/removal`,
            token: staff.token,
            body: removalBody(),
          },
          {
            method: 'POST',
            path: `/api/dues/bills/${bills[0]!.id}/payments`,
            token: staff.token,
            body: {
              amountFen: 300_000,
              paidOn: dayFromToday(0),
              bankReference: `RACE${process.pid}${round}${reference++}`,
              payerName: '北京示例信息技术有限公司',
            },
          },
        ]);
        const [removal, payment] = answers;
        expect(payment?.status).toBe(201);
        const unit = await units(env).findOneByOrFail({ id: owner.unitId });
        const record = await ds(env).getRepository(UnitRemovalEntity).findOneBy({ unitId: owner.unitId });
        if (removal?.status === 201) {
          // Removal first: it decided on both years unpaid; the payment then landed on the removed unit's bill.
          expect(unit.status).toBe('removed');
          expect(record?.unpaidYears.split(',')).toHaveLength(2);
        } else {
          // Payment first: one unpaid year left, so the unpaid ground is refused and the unit stays.
          expect(tally([removal!])).toEqual({ '409 STANDING_NOT_PROPOSED': 1 });
          expect(unit.status).toBe('active');
          expect(record).toBeNull();
        }
        expect((await billRows(env).findOneByOrFail({ id: bills[0]!.id })).status).toBe('paid');
      }

      const { owner } = await unitInArrears(env);
      const six = await atOnce(
        env,
        times(6, {
          method: 'POST',
          path: `/api/units/${owner.unitId}/removal`,
          token: staff.token,
          body: removalBody(),
        }),
      );
      expect(tally(six)).toEqual({ '201': 1, '409 STANDING_ALREADY_REMOVED': 5 });
      expect(await ds(env).getRepository(UnitRemovalEntity).countBy({ unitId: owner.unitId })).toBe(1);
      expect(
        (await auditRows(env, 'unit.removed')).filter((row) => row.target === `unit:${owner.unitId}`),
      ).toHaveLength(1);
    },
  },
];
