import type { LevelRequest } from '@itss/shared';
import type { UnitsService } from '../units/units.service';
import type { UsersService } from '../users/users.service';
import type { LevelRequestEntity } from './level-request.entity';

/** Requests as the contract shows them: units and people named in one read each, whatever the count. */
export async function presentRequests(
  rows: readonly LevelRequestEntity[],
  units: UnitsService,
  users: UsersService,
): Promise<LevelRequest[]> {
  const names = await units.namesOf(rows.map((row) => row.unitId));
  const people = new Map(
    (
      await users.findByIds([
        ...new Set(rows.flatMap((row) => [row.requestedBy, row.decidedBy]).filter((id) => id !== null)),
      ])
    ).map((user) => [user.id, user.displayName]),
  );
  return rows.map((row) => ({
    id: row.id,
    unitId: row.unitId,
    unitName: names.get(row.unitId) ?? '',
    fromLevel: row.fromLevel,
    toLevel: row.toLevel,
    direction: row.direction,
    state: row.state,
    reason: row.reason,
    requestedByName: row.requestedBy === null ? null : (people.get(row.requestedBy) ?? null),
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    // Staff's name on a decision; a withdrawal is the unit's own. An account since gone is the department.
    decidedByName:
      row.decidedBy === null || row.state === 'open' || row.state === 'withdrawn'
        ? null
        : (people.get(row.decidedBy) ?? '会员服务部'),
    decisionReason: row.decisionReason,
    effectiveYear: row.effectiveYear,
    differenceBillId: row.differenceBillId,
  }));
}
