import type { UnitRemoval } from '@itss/shared';
import type { UsersService } from '../users/users.service';
import type { UnitRemovalEntity } from './unit-removal.entity';

/** A removal as the contract shows it, with the name of the staff member who recorded it. */
export async function presentRemoval(row: UnitRemovalEntity, users: UsersService): Promise<UnitRemoval> {
  const [by] = row.recordedBy === null ? [] : await users.findByIds([row.recordedBy]);
  return {
    unitId: row.unitId,
    ground: row.ground,
    body: row.body,
    decidedOn: row.decidedOn,
    documentNumber: row.documentNumber,
    reason: row.reason,
    fileId: row.fileId,
    recordedAt: row.recordedAt.toISOString(),
    // A staff member's account may be gone; the record stays theirs, named by the department.
    recordedByName: row.recordedBy === null ? null : (by?.displayName ?? '会员服务部'),
  };
}
