import {
  levelsResponseSchema,
  obligationsResponseSchema,
  type LevelsResponse,
  type ObligationsResponse,
} from '@itss/shared';
import { request } from '@/services/http';

export function getLevels(): Promise<LevelsResponse> {
  return request({ path: '/api/membership/levels', schema: levelsResponseSchema });
}

export function getObligations(): Promise<ObligationsResponse> {
  return request({ path: '/api/membership/obligations', schema: obligationsResponseSchema });
}
