import {
  associationResponseSchema,
  servicesResponseSchema,
  type AssociationResponse,
  type ServicesResponse,
} from '@itss/shared';
import { request } from '@/services/http';

export function getAssociation(): Promise<AssociationResponse> {
  return request({ path: '/api/association', schema: associationResponseSchema });
}

export function getServices(): Promise<ServicesResponse> {
  return request({ path: '/api/services', schema: servicesResponseSchema });
}
