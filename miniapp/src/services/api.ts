import {
  associationResponseSchema,
  levelsResponseSchema,
  obligationsResponseSchema,
  servicesResponseSchema,
  type AssociationResponse,
  type LevelsResponse,
  type ObligationsResponse,
  type ServicesResponse,
} from '@itss/shared';
import { request } from './http';

export function getAssociation(): Promise<AssociationResponse> {
  return request({ path: '/api/association', schema: associationResponseSchema });
}

export function getLevels(): Promise<LevelsResponse> {
  return request({ path: '/api/membership/levels', schema: levelsResponseSchema });
}

export function getObligations(): Promise<ObligationsResponse> {
  return request({ path: '/api/membership/obligations', schema: obligationsResponseSchema });
}

export function getServices(): Promise<ServicesResponse> {
  return request({ path: '/api/services', schema: servicesResponseSchema });
}
