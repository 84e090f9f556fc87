import {
  IDEMPOTENCY_KEY_HEADER,
  applicationDraftResponseSchema,
  applicationSchema,
  myApplicationsResponseSchema,
  type Application,
  type ApplicationBody,
  type ApplicationDraft,
  type ApplicationDraftResponse,
  type MyApplicationsResponse,
} from '@itss/shared';
import { request } from './http';

export function getDraft(): Promise<ApplicationDraftResponse> {
  return request({ path: '/api/applications/draft', schema: applicationDraftResponseSchema });
}

export function saveDraft(draft: ApplicationDraft): Promise<ApplicationDraftResponse> {
  return request({
    path: '/api/applications/draft',
    method: 'PUT',
    data: draft,
    schema: applicationDraftResponseSchema,
  });
}

/** The key makes a retry of the same submission return the first answer, never a second application. */
export function submitApplication(body: ApplicationBody, idempotencyKey: string): Promise<Application> {
  return request({
    path: '/api/applications',
    method: 'POST',
    data: body,
    header: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
    schema: applicationSchema,
  });
}

export function getMyApplications(): Promise<MyApplicationsResponse> {
  return request({ path: '/api/applications/mine', schema: myApplicationsResponseSchema });
}

export function getApplication(id: number): Promise<Application> {
  return request({ path: `/api/applications/${id}`, schema: applicationSchema });
}

export function updateApplication(id: number, body: ApplicationBody): Promise<Application> {
  return request({ path: `/api/applications/${id}`, method: 'PUT', data: body, schema: applicationSchema });
}

export function resubmitApplication(id: number): Promise<Application> {
  return request({ path: `/api/applications/${id}/resubmit`, method: 'POST', schema: applicationSchema });
}

export function withdrawApplication(id: number): Promise<Application> {
  return request({ path: `/api/applications/${id}/withdraw`, method: 'POST', schema: applicationSchema });
}
