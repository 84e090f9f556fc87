import { billListResponseSchema, unitSchema, type BillListResponse, type Unit } from '@itss/shared';
import { request } from './http';

export function getUnit(id: number): Promise<Unit> {
  return request({ path: `/api/units/${id}`, schema: unitSchema });
}

export function getBills(unitId: number): Promise<BillListResponse> {
  return request({ path: `/api/units/${unitId}/bills`, schema: billListResponseSchema });
}
