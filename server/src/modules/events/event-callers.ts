import { type RequestContext, isStaff } from '../../common/request-context';
import type { UnitsService } from '../units/units.service';
import type { Caller } from './event-presenter';

/** The caller with their active member unit, if any: what their window, audience and price follow. */
export interface CallerWithUnit extends Caller {
  unitId: number | null;
  unitName: string | null;
}

export async function callerOf(units: UnitsService, ctx: RequestContext): Promise<CallerWithUnit> {
  const membership = ctx.user ? await units.membershipOf(ctx.user.id) : null;
  const active = membership?.status === 'active' ? membership : null;
  return {
    level: active?.level ?? null,
    staff: isStaff(ctx),
    unitId: active?.unitId ?? null,
    unitName: membership?.unitName ?? null,
  };
}
